package io.wxchat.conformance;

import java.util.List;

/**
 * Why a case FAILED, as data: which step, what it awaited, what came closest, how long it waited.
 * {@link FailureText} turns it into the text every report prints.
 *
 * <pre>{@code
 * new Failure(Failure.Kind.LATE, "4 (expect, client alice)", "nothing arrived at alice", "{\"content\":\"...\"}",
 *     List.of(), 2000, List.of(), "reports/reference/operator.2.1.json")
 * }</pre>
 *
 * @param kind what sort of failure: decides whether the runner confirms it alone on a fresh server
 * @param step the step's number and name, {@code 4.500.1 (send, client slow)}, or empty for the whole case
 * @param problem what happened, in one sentence: {@code nothing arrived at alice}
 * @param expected what the step awaited, or empty
 * @param closest the frames that came nearest, best first
 * @param waitedMillis how long the step waited, or -1 when it did not wait
 * @param details further lines: the server's last output, the first run of a rerun case
 * @param transcript where the full transcript is, or empty
 */
public record Failure(Kind kind, String step, String problem, String expected, List<Near> closest,
                      long waitedMillis, List<String> details, String transcript) {
  /** What sort of failure it is. */
  public enum Kind {
    /** A frame, close or status arrived, and it is wrong. */
    MISMATCH,
    /** Nothing (or not all) arrived within the wait: a matter of time, confirmed alone before it counts. */
    LATE,
    /** The server process ended during the case. */
    CRASH,
    /** The case's watchdog stopped it. */
    STOPPED,
    /** The harness itself could not run the case (no server, a bug). */
    HARNESS,
    /** Known only as its text (a result built outside the runner): printed as it is. */
    TEXT
  }

  /**
   * A frame that came near what was expected.
   *
   * @param frame the frame as text (shortened)
   * @param difference how it differs, or empty
   * @param score how near, from 0 (nothing alike) to 1 (a match)
   */
  public record Near(String frame, String difference, double score) {
  }

  public Failure {
    step = step == null ? "" : step;
    expected = expected == null ? "" : expected;
    closest = List.copyOf(closest);
    details = List.copyOf(details);
    transcript = transcript == null ? "" : transcript;
  }

  /** A failure known only as its text, printed as it is. */
  public static Failure of(String text) {
    return new Failure(Kind.TEXT, "", text, "", List.of(), -1, List.of(), "");
  }

  public Failure withTranscript(String path) {
    return new Failure(kind, step, problem, expected, closest, waitedMillis, details, path);
  }

  /** The same failure with {@code lines} added to its details. */
  public Failure withDetails(List<String> lines) {
    List<String> all = new java.util.ArrayList<>(details);
    all.addAll(lines);
    return new Failure(kind, step, problem, expected, closest, waitedMillis, all, transcript);
  }
}

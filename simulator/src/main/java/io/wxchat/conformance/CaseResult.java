package io.wxchat.conformance;

import io.wxchat.scenario.Scenario;
import io.wxchat.session.RecordedEvent;
import java.util.List;
import java.util.Optional;

/**
 * What one case did against one target.
 *
 * @param problem why it FAILED (the step, what was awaited, what came closest), or empty
 * @param notes the NON_STRICT deviations, the reason for UNIMPLEMENTED, or the outcome behind an
 *     INFORMATIONAL verdict
 * @param serverLog what a launched server printed during the case (may be empty)
 * @param rerun why the runner ran the case a second time, alone on a fresh server, or empty; the
 *     verdict is the second run's
 * @param timed whether the verdict rests on time alone (nothing arrived in the wait, a reply later
 *     than the protocol's 1 s), which the runner confirms by running the case alone
 */
public record CaseResult(Scenario scenario, String target, Verdict verdict, long durationNanos,
                         Optional<Failure> problem, List<String> notes, List<RecordedEvent> transcript,
                         String serverLog, String rerun, boolean timed) {
  public CaseResult {
    problem = problem == null ? Optional.empty() : problem;
    notes = List.copyOf(notes);
    transcript = List.copyOf(transcript);
    serverLog = serverLog == null ? "" : serverLog;
    rerun = rerun == null ? "" : rerun;
  }

  /** A result whose failure is known only as text ({@code ""}: none). */
  public CaseResult(Scenario scenario, String target, Verdict verdict, long durationNanos, String failure,
                    List<String> notes, List<RecordedEvent> transcript, String serverLog) {
    this(scenario, target, verdict, durationNanos,
        failure == null || failure.isEmpty() ? Optional.empty() : Optional.of(Failure.of(failure)),
        notes, transcript, serverLog, "", false);
  }

  public String id() {
    return scenario.id();
  }

  /** The failure as every report prints it (see {@link FailureText}), or empty. */
  public String failure() {
    return FailureText.render(this);
  }

  public double durationMillis() {
    return durationNanos / 1e6;
  }

  /** This result with {@code events} as its transcript (the reports' size budget cuts long ones). */
  public CaseResult withTranscript(List<RecordedEvent> events) {
    return new CaseResult(scenario, target, verdict, durationNanos, problem, notes, events, serverLog, rerun, timed);
  }

  /** This result with {@code why} as the reason it was rerun. */
  public CaseResult rerunBecause(String why) {
    return new CaseResult(scenario, target, verdict, durationNanos, problem, notes, transcript, serverLog, why, timed);
  }
}

package io.wxchat.conformance;

import java.util.List;
import java.util.Locale;

/**
 * The one way a {@link Failure} reads, for the console, JUnit XML and HTML alike.
 *
 * <pre>
 * operator.2.1 step 4 (expect, client alice) FAILED after 2000 ms: nothing arrived at alice
 *   expected: {"content":"您好"} (other fields ignored)
 *   closest:  {"content":"稍后回复"}   /content differs   (near 0.41)
 *   transcript: reports/candidate/operator.2.1.json
 * </pre>
 */
public final class FailureText {
  private static final String CLOSEST = "\n  closest:  ";
  private static final String MORE = "\n            ";

  private FailureText() {
  }

  /** The whole text: the headline, then expected, closest, details and the transcript's place. */
  public static String render(String caseId, Failure failure) {
    if (failure.kind() == Failure.Kind.TEXT) {
      return failure.problem();
    }
    StringBuilder text = new StringBuilder(caseId).append(' ').append(summary(failure));
    if (!failure.expected().isEmpty()) {
      text.append("\n  expected: ").append(failure.expected());
    }
    List<Failure.Near> closest = failure.closest();
    for (int i = 0; i < closest.size(); i++) {
      Failure.Near near = closest.get(i);
      text.append(i == 0 ? CLOSEST : MORE).append(near.frame());
      if (!near.difference().isEmpty()) {
        text.append("   ").append(near.difference());
      }
      if (closest.size() > 1) {
        text.append(String.format(Locale.ROOT, "   (near %.2f)", near.score()));
      }
    }
    failure.details().forEach(line -> text.append("\n  ").append(line));
    if (!failure.transcript().isEmpty()) {
      text.append("\n  transcript: ").append(failure.transcript());
    }
    return text.toString();
  }

  /** The first line: {@code operator.2.1 step 4 (expect, client alice) FAILED after 2000 ms: nothing arrived}. */
  public static String headline(String caseId, Failure failure) {
    return failure.kind() == Failure.Kind.TEXT ? failure.problem().lines().findFirst().orElse("")
        : caseId + " " + summary(failure);
  }

  /** The headline without the case: {@code step 4 (expect, client alice) FAILED after 2000 ms: nothing arrived}. */
  public static String summary(Failure failure) {
    if (failure.kind() == Failure.Kind.TEXT) {
      return failure.problem();
    }
    StringBuilder line = new StringBuilder();
    if (!failure.step().isEmpty()) {
      line.append("step ").append(failure.step()).append(' ');
    }
    line.append("FAILED");
    if (failure.waitedMillis() >= 0) {
      line.append(" after ").append(failure.waitedMillis()).append(" ms");
    }
    return line.append(": ").append(failure.problem()).toString();
  }

  /** A result's failure text, or empty when it has none. */
  public static String render(CaseResult result) {
    return result.problem().map(f -> render(result.id(), f)).orElse("");
  }

  /**
   * What a report shows of a result beyond its verdict: the failure text, then why it ran twice
   * ({@code rerun: alone on a fresh server, because ...}); empty for a case that passed at once.
   */
  public static String report(CaseResult result) {
    String failure = render(result);
    if (result.rerun().isEmpty()) {
      return failure;
    }
    return failure + (failure.isEmpty() ? "" : "\n") + "rerun: " + result.rerun();
  }
}

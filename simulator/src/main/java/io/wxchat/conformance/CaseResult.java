package io.wxchat.conformance;

import io.wxchat.scenario.Scenario;
import io.wxchat.session.RecordedEvent;
import java.util.List;

/**
 * What one case did against one target.
 *
 * @param failure the failed expectation in words (what was awaited, for how long, what came closest,
 *     where the transcript is), or empty
 * @param notes the NON_STRICT deviations, the reason for UNIMPLEMENTED, or the outcome behind an
 *     INFORMATIONAL verdict
 * @param serverLog what a launched server printed during the case (may be empty)
 */
public record CaseResult(Scenario scenario, String target, Verdict verdict, long durationNanos, String failure,
                         List<String> notes, List<RecordedEvent> transcript, String serverLog) {
  public CaseResult {
    failure = failure == null ? "" : failure;
    notes = List.copyOf(notes);
    transcript = List.copyOf(transcript);
    serverLog = serverLog == null ? "" : serverLog;
  }

  public String id() {
    return scenario.id();
  }

  public double durationMillis() {
    return durationNanos / 1e6;
  }
}

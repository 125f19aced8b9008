package io.wxchat.report;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.session.RecordedEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame a reader should look at first: where targets' transcripts diverge, or, with a single
 * target, the frame closest to what a failed step expected (or the gap where it never came).
 *
 * @param index 0-based frame index, -1 for none
 * @param missing the frame is absent: a gap row after the last frame
 * @param client the client whose frame it is
 * @param divergence between targets (true) or against the expectation (false)
 */
record FrameMark(int index, boolean missing, String client, boolean divergence) {
  static final FrameMark NONE = new FrameMark(-1, false, "", false);
  private static final Pattern CLIENT = Pattern.compile("\\(\\w+, client ([^)]+)\\)");
  private static final Pattern CLOSEST = Pattern.compile("(?m)^\\s*closest:\\s+(.*)$");

  /** Where {@code result}'s failure points in its transcript, or {@link #NONE}. */
  static FrameMark unexpected(CaseResult result) {
    if (result.verdict() != Verdict.FAILED || result.failure().isEmpty()) {
      return NONE;
    }
    Matcher client = CLIENT.matcher(result.failure());
    Matcher closest = CLOSEST.matcher(result.failure());
    if (!client.find() || !closest.find()) {
      return NONE;
    }
    String who = client.group(1);
    String near = closest.group(1).strip();
    List<RecordedEvent> events = result.transcript();
    if (near.startsWith("nothing")) {
      return new FrameMark(events.size(), true, who, false);
    }
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      if (event.direction() == RecordedEvent.Direction.IN && who.equals(event.client()) && event.payload() != null
          && !event.payload().isEmpty() && near.startsWith(event.payload())) {
        return new FrameMark(i, false, who, false);
      }
    }
    return NONE;
  }

  String label() {
    return divergence ? "first divergence" : missing ? "never arrived" : "closest to what the step expected";
  }

  String verb() {
    return divergence ? "diverges" : "unexpected frame";
  }

  String gapText() {
    return divergence
        ? "the transcript ends without " + client + "'s next frame, which the other targets have"
        : client + " waited for a frame here (see the failure above)";
  }
}

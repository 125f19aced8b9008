package io.wxchat.report;

import io.wxchat.session.RecordedEvent;
import java.util.List;
import java.util.Locale;

/**
 * A transcript as lines to read in a CI log, one frame a line:
 * {@code +12.345 ms alice  <- text  {"content":"..."}}. Long payloads and transcripts are cut (CI logs
 * stay readable); the JSON has them whole.
 */
final class TranscriptText {
  // <system-out> of one case stays under about 70 KB: CI servers load every case's output into memory
  static final int MAX_PAYLOAD = 300;
  static final int MAX_LINES = 200;

  private TranscriptText() {
  }

  static String of(List<RecordedEvent> events, String fullTranscript) {
    int width = events.stream().mapToInt(e -> text(e.client()).length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (RecordedEvent event : events.subList(0, Math.min(events.size(), MAX_LINES))) {
      out.append(String.format(Locale.ROOT, "%10s ms %-" + Math.max(width, 1) + "s %s %-6s",
          Millis.offset(event.nanos()), text(event.client()), arrow(event.direction()), kind(event)));
      if (event.code() != 0) {
        out.append(" [").append(event.code()).append(']');
      }
      String payload = oneLine(text(event.payload()));
      if (!payload.isEmpty()) {
        out.append(' ').append(payload.length() > MAX_PAYLOAD
            ? SafeText.prefix(payload, MAX_PAYLOAD) + "... (" + payload.length() + " chars in all, see " + fullTranscript + ")"
            : payload);
      }
      out.append('\n');
    }
    if (events.size() > MAX_LINES) {
      out.append("... ").append(events.size() - MAX_LINES).append(" more frames in ").append(fullTranscript).append('\n');
    }
    return out.toString();
  }

  /** {@code <-} server to client, {@code ->} client to server, {@code --} a note of the harness. */
  static String arrow(RecordedEvent.Direction direction) {
    if (direction == null) {
      return "--";
    }
    return switch (direction) {
      case IN -> "<-";
      case OUT -> "->";
      case INFO -> "--";
    };
  }

  static String kind(RecordedEvent event) {
    return event.kind() == null ? "?" : event.kind().name().toLowerCase(Locale.ROOT);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  // a payload with line breaks would read as several frames: show them as the symbols for CR and LF
  private static String oneLine(String payload) {
    return payload.replace('\r', '\u240D').replace('\n', '\u240A');
  }
}

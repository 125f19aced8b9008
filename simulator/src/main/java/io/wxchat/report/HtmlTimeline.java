package io.wxchat.report;

import static io.wxchat.report.Html.escape;

import io.wxchat.session.RecordedEvent;
import java.util.List;
import java.util.Locale;

/**
 * A case's frames as a table: number, time, client, direction, kind, close code or HTTP status,
 * payload. Long payloads start shortened and expand in place; the first divergence is flagged.
 */
final class HtmlTimeline {
  static final int SHORT_PAYLOAD = 240;
  static final int MAX_PAYLOAD = 70_000;
  static final int MAX_FRAMES = 1_000;

  private HtmlTimeline() {
  }

  /**
   * @param divergence the 0-based index of the first divergent frame, or -1
   * @param missing whether that frame is absent here (a gap marker closes the table)
   * @param client the client whose frame diverges
   */
  static void render(List<RecordedEvent> events, int divergence, boolean missing, String client, boolean open,
                     StringBuilder html) {
    if (events.isEmpty() && !missing) {
      return;
    }
    html.append("<details class=\"timeline\"").append(open ? " open" : "").append("><summary>Timeline: ")
        .append(events.size()).append(events.size() == 1 ? " frame" : " frames")
        .append(divergence >= 0 ? ", diverges at frame " + (divergence + 1) : "").append("</summary>\n");
    html.append("<table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">ms</th><th scope=\"col\">client</th>")
        .append("<th scope=\"col\">dir</th><th scope=\"col\">kind</th><th scope=\"col\">code</th>")
        .append("<th scope=\"col\">payload</th></tr></thead>\n<tbody>\n");
    int shown = Math.min(events.size(), MAX_FRAMES);
    for (int i = 0; i < shown; i++) {
      row(i, events.get(i), !missing && i == divergence, html);
    }
    if (events.size() > shown) {
      html.append("<tr><td colspan=\"7\" class=\"muted\">\u2026 ").append(events.size() - shown)
          .append(" more frames in the transcript JSON</td></tr>\n");
    }
    if (missing) {
      html.append("<tr class=\"diverge gap\"><td class=\"n\">").append(events.size() + 1)
          .append("</td><td colspan=\"6\"><span class=\"flag\">\u2260 first divergence</span> the transcript ends without ")
          .append(escape(client)).append("'s next frame, which the other targets have</td></tr>\n");
    }
    html.append("</tbody></table></details>\n");
  }

  private static void row(int index, RecordedEvent event, boolean divergent, StringBuilder html) {
    String css = event.direction() == null ? "info" : event.direction().name().toLowerCase(Locale.ROOT);
    html.append("<tr class=\"").append(css).append(divergent ? " diverge" : "").append("\"")
        .append("><td class=\"n\">").append(index + 1)
        .append("</td><td class=\"t\">").append(Millis.offset(event.nanos()))
        .append("</td><td class=\"c\">").append(escape(event.client()))
        .append("</td><td class=\"d\" title=\"").append(title(event.direction())).append("\">")
        .append(arrow(event.direction())).append("</td><td class=\"k\">").append(TranscriptText.kind(event))
        .append("</td><td class=\"code\">").append(event.code() == 0 ? "" : String.valueOf(event.code()))
        .append("</td><td class=\"p\">");
    payload(event.payload(), html);
    if (divergent) {
      html.append("<span class=\"flag\">\u2260 first divergence</span>");
    }
    html.append("</td></tr>\n");
  }

  private static void payload(String payload, StringBuilder html) {
    if (payload == null || payload.isEmpty()) {
      html.append("<span class=\"empty\">(empty)</span>");
      return;
    }
    if (payload.length() <= SHORT_PAYLOAD) {
      html.append("<code>").append(escape(payload)).append("</code>");
      return;
    }
    String full = payload.length() > MAX_PAYLOAD
        ? SafeText.prefix(payload, MAX_PAYLOAD) + "\u2026 (cut here; the transcript JSON has it all)" : payload;
    html.append("<details class=\"long\"><summary><code>").append(escape(SafeText.prefix(payload, SHORT_PAYLOAD)))
        .append("\u2026</code> <span class=\"more\">").append(String.format(Locale.ROOT, "%,d", payload.length()))
        .append(" chars</span></summary><pre class=\"full\">").append(escape(full)).append("</pre></details>");
  }

  private static String arrow(RecordedEvent.Direction direction) {
    if (direction == null) {
      return "\u00b7 info";
    }
    return switch (direction) {
      case IN -> "\u2190 in";
      case OUT -> "\u2192 out";
      case INFO -> "\u00b7 info";
    };
  }

  private static String title(RecordedEvent.Direction direction) {
    if (direction == null) {
      return "a note of the harness";
    }
    return switch (direction) {
      case IN -> "server to client";
      case OUT -> "client to server";
      case INFO -> "a note of the harness";
    };
  }
}

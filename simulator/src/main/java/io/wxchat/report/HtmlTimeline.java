package io.wxchat.report;

import io.wxchat.session.RecordedEvent;
import java.util.List;
import java.util.Locale;

/**
 * A case's frames as a table: number, time, client, direction, kind, close code or HTTP status,
 * payload. Long payloads start shortened and expand in place up to a bound, past which the page says
 * the size and links to the transcript JSON; the first divergent or unexpected frame is flagged.
 */
final class HtmlTimeline {
  static final int SHORT_PAYLOAD = 240;
  /** Past this a payload is cut in the page (the JSON has it whole): the standard suite's page stays under 1 MB. */
  static final int MAX_PAYLOAD = 1_000;
  static final int MAX_FRAMES = 150;

  private HtmlTimeline() {
  }

  /**
   * @param mark the first divergent or unexpected frame, or {@link FrameMark#NONE}
   * @param transcript the link to the transcript JSON
   */
  static void render(List<RecordedEvent> events, FrameMark mark, boolean open, String transcript, Markup page) {
    if (events.isEmpty() && !mark.missing()) {
      return;
    }
    page.open("details", "class", "timeline", "open", open ? "" : null).open("summary")
        .text("Timeline: " + events.size() + (events.size() == 1 ? " frame" : " frames")
            + (mark.index() >= 0 ? ", " + mark.verb() + " at frame " + (mark.index() + 1) : ""))
        .close("summary").newline();
    page.open("table").open("thead").open("tr");
    for (String column : List.of("#", "ms", "client", "dir", "kind", "code", "payload")) {
      page.element("th", column, "scope", "col");
    }
    page.close("tr").close("thead").newline().open("tbody").newline();
    int shown = Math.min(events.size(), MAX_FRAMES);
    for (int i = 0; i < shown; i++) {
      row(i, events.get(i), !mark.missing() && i == mark.index() ? mark : FrameMark.NONE, transcript, page);
    }
    if (events.size() > shown) {
      page.open("tr").open("td", "colspan", "7", "class", "muted").text("\u2026 " + (events.size() - shown)
          + " more frames in the ").element("a", "transcript JSON", "href", transcript).close("td").close("tr").newline();
    }
    if (mark.missing()) {
      page.open("tr", "class", "diverge gap").element("td", events.size() + 1, "class", "n")
          .open("td", "colspan", "6").element("span", "\u2260 " + mark.label(), "class", "flag")
          .text(" " + mark.gapText()).close("td").close("tr").newline();
    }
    page.close("tbody").close("table").close("details").newline();
  }

  private static void row(int index, RecordedEvent event, FrameMark mark, String transcript, Markup page) {
    String css = event.direction() == null ? "info" : event.direction().name().toLowerCase(Locale.ROOT);
    page.open("tr", "class", css + (mark.index() >= 0 ? " diverge" : ""))
        .element("td", index + 1, "class", "n")
        .element("td", Millis.offset(event.nanos()), "class", "t")
        .element("td", event.client() == null ? "" : event.client(), "class", "c")
        .element("td", arrow(event.direction()), "class", "d", "title", title(event.direction()))
        .element("td", TranscriptText.kind(event), "class", "k")
        .element("td", event.code() == 0 ? "" : String.valueOf(event.code()), "class", "code")
        .open("td", "class", "p");
    payload(event.payload(), transcript, page);
    if (mark.index() >= 0) {
      page.element("span", "\u2260 " + mark.label(), "class", "flag");
    }
    page.close("td").close("tr").newline();
  }

  private static void payload(String payload, String transcript, Markup page) {
    if (payload == null || payload.isEmpty()) {
      page.element("span", "(empty)", "class", "empty");
      return;
    }
    if (payload.length() <= SHORT_PAYLOAD) {
      page.element("code", payload);
      return;
    }
    page.open("details", "class", "long").open("summary").element("code", SafeText.prefix(payload, SHORT_PAYLOAD) + "\u2026")
        .text(" ").element("span", String.format(Locale.ROOT, "%,d", payload.length()) + " chars", "class", "more")
        .close("summary").open("pre", "class", "full");
    if (payload.length() > MAX_PAYLOAD) {
      page.text(SafeText.prefix(payload, MAX_PAYLOAD)).close("pre").open("p", "class", "cut")
          .text(String.format(Locale.ROOT, "\u2026 cut at %,d of %,d chars; the whole payload is in the ", MAX_PAYLOAD,
              payload.length())).element("a", "transcript JSON", "href", transcript).close("p");
    } else {
      page.text(payload).close("pre");
    }
    page.close("details");
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

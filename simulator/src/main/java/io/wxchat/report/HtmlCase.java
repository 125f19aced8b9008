package io.wxchat.report;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One case in detail: what it expects, then per target the verdict, failure, notes and timeline. */
final class HtmlCase {
  private static final int MAX_LOG_CHARS = 20_000;

  private HtmlCase() {
  }

  static void render(CaseGrid.Row row, List<TargetFolder> targets, List<String> prefixes, boolean strict,
                     Markup page) {
    Scenario scenario = row.scenario();
    page.open("article", "class", "case", "id", Html.caseAnchor(row.id()), "data-clean", row.clean() ? "1" : "0")
        .newline().open("h3").element("span", row.id(), "class", "id").text(scenario.title()).close("h3").newline()
        .open("dl", "class", "facts").element("dt", "Expectation").element("dd", scenario.expectation());
    chips("Rules", "rule", scenario.rules(), page);
    chips("Tags", "tag", scenario.tags(), page);
    page.close("dl").newline();
    if (row.diverges()) {
      page.open("p", "class", "diverge-note").element("strong", "\u2260 The transcripts differ: first divergence at "
              + divergenceWhere(row, targets.size()) + ", client " + row.divergentClient().orElse(""))
          .element("small", divergenceTargets(row, targets)
              + "Dates and times in JSON, and the order of fields, are not compared.")
          .close("p").newline();
    }
    for (int t = 0; t < targets.size(); t++) {
      CaseResult result = row.cell(t);
      if (result == null) {
        page.element("p", "Not run against " + targets.get(t).name()
            + (targets.get(t).target().aborted().isEmpty() ? "." : ": the run stopped early."), "class", "run none")
            .newline();
      } else {
        run(row, t, targets.get(t), prefixes.get(t), strict, page);
      }
    }
    page.close("article").newline();
  }

  private static void run(CaseGrid.Row row, int t, TargetFolder target, String prefix, boolean strict, Markup page) {
    CaseResult result = row.cell(t);
    Verdict verdict = result.verdict();
    boolean strictFailure = strict && verdict == Verdict.NON_STRICT;
    String transcript = prefix + row.id() + ".json";
    page.open("section", "class", "run", "id", Html.runAnchor(row.id(), t)).newline().open("h4")
        .element("span", VerdictStyle.icon(verdict) + " " + VerdictStyle.label(verdict),
            "class", "badge " + VerdictStyle.cssClass(verdict) + (strictFailure ? " strict-fail" : ""))
        .element("span", target.name())
        .open("span", "class", "muted")
        .text((result.durationNanos() > 0 ? Millis.label(result.durationNanos()) + " \u00b7 " : "")
            + result.transcript().size() + (result.transcript().size() == 1 ? " frame" : " frames") + " \u00b7 ")
        .element("a", "transcript JSON", "href", transcript)
        .text(strictFailure ? " \u00b7 fails the run: --strict is on" : "").close("span").close("h4").newline();
    if (!result.failure().isEmpty()) {
      failure(result, page);
    }
    if (!result.notes().isEmpty()) {
      page.open("ul", "class", "notes");
      result.notes().forEach(note -> page.element("li", note));
      page.close("ul").newline();
    }
    HtmlTimeline.render(result.transcript(), mark(row, t, result), !row.clean(), transcript, page);
    if (!result.serverLog().isEmpty()) {
      String log = result.serverLog();
      long lines = log.lines().count();
      String shown = log.length() > MAX_LOG_CHARS
          ? "\u2026 (earlier lines in the transcript JSON)\n" + log.substring(log.length() - MAX_LOG_CHARS) : log;
      page.open("details", "class", "log")
          .element("summary", "Server log during the case (" + lines + (lines == 1 ? " line)" : " lines)"))
          .element("pre", shown).close("details").newline();
    }
    page.close("section").newline();
  }

  /** The failure text, as one block (its rendering is the failure renderer's, not this page's). */
  private static void failure(CaseResult result, Markup page) {
    page.element("pre", result.failure(), "class", "failure").newline();
  }

  /** The divergence between targets if there is one, else the frame the failure points at. */
  private static FrameMark mark(CaseGrid.Row row, int t, CaseResult result) {
    if (row.divergence(t).isPresent()) {
      return new FrameMark(row.divergence(t).get(), row.missing(t), row.divergentClient().orElse(""), true);
    }
    return FrameMark.unexpected(result);
  }

  /** {@code frame 4}, or {@code frames 4 / 6} when the targets diverge at different frame numbers. */
  static String divergenceWhere(CaseGrid.Row row, int targets) {
    Set<Integer> frames = new LinkedHashSet<>();
    for (int t = 0; t < targets; t++) {
      row.divergence(t).ifPresent(frame -> frames.add(frame + 1));
    }
    List<String> numbers = frames.stream().map(String::valueOf).toList();
    return (numbers.size() == 1 ? "frame " : "frames ") + String.join(" / ", numbers);
  }

  /** Per target where it diverges, unless every target diverges at the same frame and has it (plain text). */
  private static String divergenceTargets(CaseGrid.Row row, List<TargetFolder> targets) {
    List<String> parts = new ArrayList<>();
    Set<Integer> frames = new LinkedHashSet<>();
    boolean missing = false;
    for (int t = 0; t < targets.size(); t++) {
      if (row.divergence(t).isEmpty()) {
        continue;
      }
      int frame = row.divergence(t).get() + 1;
      frames.add(frame);
      missing |= row.missing(t);
      parts.add(targets.get(t).name() + ": " + (row.missing(t) ? "missing, the transcript ends before it" : "frame " + frame));
    }
    return frames.size() == 1 && !missing ? "" : String.join(" \u00b7 ", parts) + ". ";
  }

  private static void chips(String label, String css, List<String> values, Markup page) {
    if (values.isEmpty()) {
      return;
    }
    page.element("dt", label).open("dd");
    values.forEach(value -> page.element("span", value, "class", css));
    page.close("dd");
  }
}

package io.wxchat.report;

import static io.wxchat.report.Html.escape;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.FailureText;
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
                     StringBuilder html) {
    Scenario scenario = row.scenario();
    html.append("<article class=\"case\" id=\"").append(escape(Html.caseAnchor(row.id()))).append("\" data-clean=\"")
        .append(row.clean() ? 1 : 0).append("\">\n<h3><span class=\"id\">").append(escape(row.id())).append("</span>")
        .append(escape(scenario.title())).append("</h3>\n<dl class=\"facts\"><dt>Expectation</dt><dd>")
        .append(escape(scenario.expectation())).append("</dd>");
    chips("Rules", "rule", scenario.rules(), html);
    chips("Tags", "tag", scenario.tags(), html);
    html.append("</dl>\n");
    if (row.diverges()) {
      html.append("<p class=\"diverge-note\"><strong>\u2260 The transcripts differ: first divergence at ")
          .append(divergenceWhere(row, targets.size())).append(", client ")
          .append(escape(row.divergentClient().orElse(""))).append("</strong><small>").append(divergenceTargets(row, targets))
          .append("Dates and times in JSON, and the order of fields, are not compared.</small></p>\n");
    }
    for (int t = 0; t < targets.size(); t++) {
      CaseResult result = row.cell(t);
      if (result == null) {
        html.append("<p class=\"run none\">Not run against ").append(escape(targets.get(t).name()))
            .append(targets.get(t).target().aborted().isEmpty() ? "." : ": the run stopped early.").append("</p>\n");
      } else {
        run(row, t, targets.get(t), prefixes.get(t), strict, html);
      }
    }
    html.append("</article>\n");
  }

  private static void run(CaseGrid.Row row, int t, TargetFolder target, String prefix, boolean strict,
                          StringBuilder html) {
    CaseResult result = row.cell(t);
    Verdict verdict = result.verdict();
    boolean strictFailure = strict && verdict == Verdict.NON_STRICT;
    html.append("<section class=\"run\" id=\"").append(escape(Html.runAnchor(row.id(), t))).append("\">\n<h4>")
        .append("<span class=\"badge ").append(VerdictStyle.cssClass(verdict)).append(strictFailure ? " strict-fail" : "")
        .append("\">").append(VerdictStyle.icon(verdict)).append(' ').append(VerdictStyle.label(verdict))
        .append("</span><span>").append(escape(target.name())).append("</span><span class=\"muted\">")
        .append(result.durationNanos() > 0 ? Millis.label(result.durationNanos()) + " \u00b7 " : "")
        .append(result.transcript().size())
        .append(result.transcript().size() == 1 ? " frame" : " frames").append(" \u00b7 <a href=\"")
        .append(escape(prefix + row.id() + ".json")).append("\">transcript JSON</a>")
        .append(strictFailure ? " \u00b7 fails the run: --strict is on" : "").append("</span></h4>\n");
    String failure = FailureText.report(result);
    if (!failure.isEmpty()) {
      html.append("<pre class=\"failure\">").append(escape(failure)).append("</pre>\n");
    }
    if (!result.notes().isEmpty()) {
      html.append("<ul class=\"notes\">");
      result.notes().forEach(note -> html.append("<li>").append(escape(note)).append("</li>"));
      html.append("</ul>\n");
    }
    HtmlTimeline.render(result.transcript(), row.divergence(t).orElse(-1), row.missing(t),
        row.divergentClient().orElse(""), !row.clean(), html);
    if (!result.serverLog().isEmpty()) {
      String log = result.serverLog();
      long lines = log.lines().count();
      String shown = log.length() > MAX_LOG_CHARS
          ? "\u2026 (earlier lines in the transcript JSON)\n" + log.substring(log.length() - MAX_LOG_CHARS) : log;
      html.append("<details class=\"log\"><summary>Server log during the case (").append(lines)
          .append(lines == 1 ? " line" : " lines").append(")</summary><pre>").append(escape(shown))
          .append("</pre></details>\n");
    }
    html.append("</section>\n");
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

  /** Per target where it diverges, unless every target diverges at the same frame and has it. */
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
      parts.add(escape(targets.get(t).name()) + ": "
          + (row.missing(t) ? "missing, the transcript ends before it" : "frame " + frame));
    }
    return frames.size() == 1 && !missing ? "" : String.join(" \u00b7 ", parts) + ". ";
  }

  private static void chips(String label, String css, List<String> values, StringBuilder html) {
    if (values.isEmpty()) {
      return;
    }
    html.append("<dt>").append(label).append("</dt><dd>");
    values.forEach(value -> html.append("<span class=\"").append(css).append("\">").append(escape(value)).append("</span>"));
    html.append("</dd>");
  }
}

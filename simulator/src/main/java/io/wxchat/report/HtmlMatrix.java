package io.wxchat.report;

import static io.wxchat.report.Html.escape;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Verdict;
import java.util.List;
import java.util.Map;

/** The matrix: a row per case (grouped by suite), a column per target, a verdict and duration per cell. */
final class HtmlMatrix {
  private HtmlMatrix() {
  }

  static void render(CaseGrid grid, boolean strict, List<String> prefixes, StringBuilder html) {
    List<TargetFolder> targets = grid.targets();
    boolean differential = targets.size() > 1;
    int columns = targets.size() + 1 + (differential ? 1 : 0);
    html.append("<section id=\"matrix\">\n<h2>Cases by target</h2>\n<div class=\"toolbar\">")
        .append("<label><input type=\"checkbox\" id=\"only-problems\"> Hide cases that passed everywhere")
        .append(differential ? " with the same transcript" : "").append("</label>")
        .append("<button type=\"button\" id=\"toggle-timelines\">Expand all timelines</button></div>\n")
        .append("<table class=\"matrix\">\n<thead><tr><th scope=\"col\">Case</th>");
    for (int t = 0; t < targets.size(); t++) {
      html.append("<th scope=\"col\"><a href=\"").append(escape(prefixes.get(t))).append("index.html\">")
          .append(escape(targets.get(t).name())).append("</a>");
      String profile = targets.get(t).target().profile();
      if (profile != null && !profile.isEmpty()) {
        html.append("<small>").append(escape(profile)).append(" profile</small>");
      }
      html.append("</th>");
    }
    if (differential) {
      html.append("<th scope=\"col\">Transcripts<small>first divergence</small></th>");
    }
    html.append("</tr></thead>\n");
    if (grid.suites().isEmpty()) {
      html.append("<tbody><tr><td colspan=\"").append(columns).append("\" class=\"muted\">No case ran.</td></tr></tbody>\n");
    }
    for (Map.Entry<String, List<CaseGrid.Row>> suite : grid.suites().entrySet()) {
      List<CaseGrid.Row> rows = suite.getValue();
      html.append("<tbody>\n<tr class=\"suite\"").append(rows.stream().allMatch(CaseGrid.Row::clean) ? " data-clean=\"1\"" : "")
          .append("><th colspan=\"").append(columns).append("\" scope=\"rowgroup\">").append(escape(suite.getKey()))
          .append(" <small>").append(rows.size()).append(rows.size() == 1 ? " case" : " cases")
          .append("</small></th></tr>\n");
      for (CaseGrid.Row row : rows) {
        row(grid, row, strict, differential, html);
      }
      html.append("</tbody>\n");
    }
    html.append("</table>\n</section>\n");
  }

  private static void row(CaseGrid grid, CaseGrid.Row row, boolean strict, boolean differential, StringBuilder html) {
    int targets = grid.targets().size();
    String id = row.id();
    html.append("<tr data-clean=\"").append(row.clean() ? 1 : 0).append("\"><th scope=\"row\"><a class=\"id\" href=\"#")
        .append(escape(Html.caseAnchor(id))).append("\">").append(escape(id)).append("</a> ")
        .append(escape(row.scenario().title())).append("</th>");
    for (int t = 0; t < targets; t++) {
      CaseResult result = row.cell(t);
      if (result == null) {
        boolean stopped = !grid.targets().get(t).target().aborted().isEmpty();
        html.append("<td class=\"v none\">not run").append(stopped ? "<small>the run stopped early</small>" : "")
            .append("</td>");
        continue;
      }
      Verdict verdict = result.verdict();
      boolean strictFailure = strict && verdict == Verdict.NON_STRICT;
      html.append("<td class=\"v ").append(VerdictStyle.cssClass(verdict)).append(strictFailure ? " strict-fail" : "")
          .append("\"><a href=\"#").append(escape(Html.runAnchor(id, t))).append("\"")
          .append(strictFailure ? " title=\"fails the run: --strict is on\"" : "").append(">")
          .append(VerdictStyle.icon(verdict)).append(' ').append(VerdictStyle.label(verdict))
          .append("<span class=\"dur\">").append(result.durationNanos() > 0 ? Millis.label(result.durationNanos()) : "")
          .append("</span></a></td>");
    }
    if (differential) {
      if (row.diverges()) {
        html.append("<td class=\"diff differ\"><a href=\"#").append(escape(Html.caseAnchor(id))).append("\">\u2260 ")
            .append(HtmlCase.divergenceWhere(row, targets)).append("</a></td>");
      } else {
        html.append("<td class=\"diff muted\">").append(row.compared() ? "same" : "\u2014").append("</td>");
      }
    }
    html.append("</tr>\n");
  }
}

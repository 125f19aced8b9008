package io.wxchat.report;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Verdict;
import java.util.List;
import java.util.Map;

/** The matrix: a row per case (grouped by suite), a column per target, a verdict and duration per cell. */
final class HtmlMatrix {
  private HtmlMatrix() {
  }

  static void render(CaseGrid grid, boolean strict, List<String> prefixes, Markup page) {
    List<TargetFolder> targets = grid.targets();
    boolean differential = targets.size() > 1;
    int columns = targets.size() + 1 + (differential ? 1 : 0);
    page.open("section", "id", "matrix").newline().element("h2", "Cases by target").newline()
        .open("div", "class", "toolbar").open("label").open("input", "type", "checkbox", "id", "only-problems")
        .text(" Hide cases that passed everywhere" + (differential ? " with the same transcript" : "")).close("label")
        .element("button", "Expand all timelines", "type", "button", "id", "toggle-timelines").close("div").newline()
        .open("table", "class", "matrix").newline().open("thead").open("tr").element("th", "Case", "scope", "col");
    for (int t = 0; t < targets.size(); t++) {
      page.open("th", "scope", "col").element("a", targets.get(t).name(), "href", prefixes.get(t) + "index.html");
      String profile = targets.get(t).target().profile();
      if (profile != null && !profile.isEmpty()) {
        page.element("small", profile + " profile");
      }
      page.close("th");
    }
    if (differential) {
      page.open("th", "scope", "col").text("Transcripts").element("small", "first divergence").close("th");
    }
    page.close("tr").close("thead").newline();
    if (grid.suites().isEmpty()) {
      page.open("tbody").open("tr").element("td", "No case ran.", "colspan", String.valueOf(columns), "class", "muted")
          .close("tr").close("tbody").newline();
    }
    for (Map.Entry<String, List<CaseGrid.Row>> suite : grid.suites().entrySet()) {
      List<CaseGrid.Row> rows = suite.getValue();
      page.open("tbody").newline()
          .open("tr", "class", "suite", "data-clean", rows.stream().allMatch(CaseGrid.Row::clean) ? "1" : null)
          .open("th", "colspan", String.valueOf(columns), "scope", "rowgroup").text(suite.getKey() + " ")
          .element("small", rows.size() + (rows.size() == 1 ? " case" : " cases")).close("th").close("tr").newline();
      for (CaseGrid.Row row : rows) {
        row(grid, row, strict, differential, page);
      }
      page.close("tbody").newline();
    }
    page.close("table").newline().close("section").newline();
  }

  private static void row(CaseGrid grid, CaseGrid.Row row, boolean strict, boolean differential, Markup page) {
    int targets = grid.targets().size();
    String id = row.id();
    page.open("tr", "data-clean", row.clean() ? "1" : "0").open("th", "scope", "row")
        .element("a", id, "class", "id", "href", "#" + Html.caseAnchor(id)).text(" " + row.scenario().title())
        .close("th");
    for (int t = 0; t < targets; t++) {
      CaseResult result = row.cell(t);
      if (result == null) {
        boolean stopped = !grid.targets().get(t).target().aborted().isEmpty();
        page.open("td", "class", "v none").text("not run");
        if (stopped) {
          page.element("small", "the run stopped early");
        }
        page.close("td");
        continue;
      }
      Verdict verdict = result.verdict();
      boolean strictFailure = strict && verdict == Verdict.NON_STRICT;
      page.open("td", "class", "v " + VerdictStyle.cssClass(verdict) + (strictFailure ? " strict-fail" : ""))
          .open("a", "href", "#" + Html.runAnchor(id, t), "title", strictFailure ? "fails the run: --strict is on" : null)
          .text(VerdictStyle.icon(verdict) + " " + VerdictStyle.label(verdict))
          .element("span", result.durationNanos() > 0 ? Millis.label(result.durationNanos()) : "", "class", "dur")
          .close("a").close("td");
    }
    if (differential) {
      if (row.diverges()) {
        page.open("td", "class", "diff differ")
            .element("a", "\u2260 " + HtmlCase.divergenceWhere(row, targets), "href", "#" + Html.caseAnchor(id))
            .close("td");
      } else {
        page.element("td", row.compared() ? "same" : "\u2014", "class", "diff muted");
      }
    }
    page.close("tr").newline();
  }
}

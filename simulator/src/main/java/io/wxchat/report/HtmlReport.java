package io.wxchat.report;

import static io.wxchat.report.Html.escape;

import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.TargetResult;
import io.wxchat.conformance.Verdict;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The report as one self-contained HTML page: the run's summary, a matrix of cases by targets, and
 * each case's expectation, verdicts and frame timelines, with the first divergence between targets
 * marked. Inline CSS and a few lines of script; nothing is fetched.
 */
final class HtmlReport {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private HtmlReport() {
  }

  /**
   * @param inTargetFolder whether the page sits in the (only) target's folder, which changes its links
   */
  static String render(RunResult run, List<TargetFolder> targets, boolean inTargetFolder) {
    CaseGrid grid = new CaseGrid(targets);
    List<String> prefixes = targets.stream().map(t -> inTargetFolder ? "" : t.folder() + "/").toList();
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
        .append("<title>").append(escape(title(run, targets))).append("</title>\n")
        .append("<style>\n").append(PageStyle.CSS).append("</style>\n</head>\n<body>\n");
    header(run, targets, html);
    html.append("<main>\n");
    summary(targets, prefixes, inTargetFolder, html);
    HtmlMatrix.render(grid, run.strict(), prefixes, html);
    html.append("<section id=\"cases\">\n<h2>Cases in detail</h2>\n");
    for (CaseGrid.Row row : grid.rows()) {
      HtmlCase.render(row, grid.targets(), prefixes, run.strict(), html);
    }
    html.append("</section>\n<footer>Written by the wxchat conformance simulator. Transcripts as JSON sit beside "
        + "this page; JUnit XML in each target's <code>junit.xml</code>.</footer>\n</main>\n<script>\n")
        .append(PageStyle.SCRIPT).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  private static String title(RunResult run, List<TargetFolder> targets) {
    String names = String.join(" vs ", targets.stream().map(TargetFolder::name).toList());
    return "wxchat conformance: " + (names.isEmpty() ? "no targets" : names) + " \u2014 " + run.summaryLine();
  }

  private static void header(RunResult run, List<TargetFolder> targets, StringBuilder html) {
    long cases = targets.stream().mapToLong(t -> t.target().cases().size()).sum();
    html.append("<header class=\"top\"><div>\n<h1>wxchat conformance report</h1>\n<p class=\"meta\">");
    if (run.started() != null) {
      html.append("Started ").append(WHEN.format(run.started()));
      if (run.finished() != null) {
        Duration took = Duration.between(run.started(), run.finished());
        html.append(" \u00b7 took ").append(Millis.label(took.toNanos()));
      }
      html.append(" \u00b7 ");
    }
    html.append(targets.size()).append(targets.size() == 1 ? " target" : " targets").append(", ")
        .append(cases).append(cases == 1 ? " case run" : " cases run").append(" \u00b7 ")
        .append(run.strict() ? "<strong>strict</strong>: NON-STRICT counts as a failure"
            : "not strict: NON-STRICT counts as passed (--strict to fail on it)")
        .append("</p>\n<p class=\"result\">");
    String status = run.aborted() ? "ABORTED" : run.failed() > 0 ? "FAILED" : "PASSED";
    String css = run.aborted() ? "v-aborted" : run.failed() > 0 ? "v-failed" : "v-passed";
    html.append("<span class=\"badge ").append(css).append("\">").append(status).append("</span> ")
        .append(escape(run.summaryLine())).append("</p>\n</div></header>\n");
  }

  private static void summary(List<TargetFolder> targets, List<String> prefixes, boolean inTargetFolder,
                              StringBuilder html) {
    html.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr>")
        .append("<th scope=\"col\">Target</th>");
    for (Verdict verdict : Verdict.values()) {
      html.append("<th scope=\"col\">").append(VerdictStyle.label(verdict)).append("</th>");
    }
    html.append("<th scope=\"col\">Cases</th><th scope=\"col\">Files</th></tr></thead>\n<tbody>\n");
    for (int t = 0; t < targets.size(); t++) {
      TargetResult target = targets.get(t).target();
      html.append("<tr><th scope=\"row\">").append(escape(targets.get(t).name()));
      if (target.profile() != null && !target.profile().isEmpty()) {
        html.append(" <span class=\"muted\">(").append(escape(target.profile())).append(")</span>");
      }
      html.append("<div class=\"desc\">").append(escape(target.description())).append("</div></th>");
      for (Verdict verdict : Verdict.values()) {
        long count = target.count(verdict);
        html.append("<td class=\"n").append(count == 0 ? " zero" : "").append("\">")
            .append(count == 0 ? "0" : "<span class=\"badge " + VerdictStyle.cssClass(verdict) + "\">"
                + VerdictStyle.icon(verdict) + " " + count + "</span>")
            .append("</td>");
      }
      html.append("<td class=\"n\">").append(target.cases().size()).append("</td><td class=\"files\">");
      String prefix = prefixes.get(t);
      html.append("<a href=\"").append(escape(prefix)).append("junit.xml\">junit.xml</a> \u00b7 <a href=\"")
          .append(escape(prefix)).append("index.json\">index.json</a>");
      html.append(inTargetFolder ? " \u00b7 <a href=\"../index.html\">whole run</a>"
          : " \u00b7 <a href=\"" + escape(prefix) + "index.html\">page</a>");
      html.append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    for (TargetFolder target : targets) {
      if (!target.target().aborted().isEmpty()) {
        html.append("<div class=\"abort\" role=\"alert\"><strong>The run against ").append(escape(target.name()))
            .append(" stopped early</strong> after ").append(target.target().cases().size())
            .append(" cases; the cases after that did not run.<pre>")
            .append(escape(target.target().aborted())).append("</pre></div>\n");
      }
    }
    html.append("</section>\n");
  }
}

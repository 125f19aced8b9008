package io.wxchat.report;

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
 * (or, with one target, the frame a failure points at) marked. Written through {@link Markup}, so
 * every text is escaped; the style sheet and script are resources, inlined; nothing is fetched.
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
    Markup page = new Markup(256 * 1024);
    page.literal("<!DOCTYPE html>\n").open("html", "lang", "en").newline().open("head").newline()
        .open("meta", "charset", "utf-8").newline()
        .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").newline()
        .open("meta", "name", "color-scheme", "content", "light dark").newline()
        .element("title", title(run, targets)).newline()
        .open("style").newline().literal(PageStyle.CSS).close("style").newline().close("head").newline()
        .open("body").newline();
    header(run, targets, page);
    page.open("main").newline();
    summary(targets, prefixes, inTargetFolder, page);
    HtmlMatrix.render(grid, run.strict(), prefixes, page);
    page.open("section", "id", "cases").newline().element("h2", "Cases in detail").newline();
    for (CaseGrid.Row row : grid.rows()) {
      HtmlCase.render(row, grid.targets(), prefixes, run.strict(), page);
    }
    page.close("section").newline().open("footer")
        .text("Written by the wxchat conformance simulator. Transcripts as JSON sit beside this page; JUnit XML in"
            + " each target's ").element("code", "junit.xml").text(".").close("footer").newline()
        .close("main").newline().open("script").newline().literal(PageStyle.SCRIPT).close("script").newline()
        .close("body").newline().close("html").newline();
    return page.toString();
  }

  /** A page that sends the reader to {@code href} (a target's folder of a one-target run). */
  static String pointer(String href) {
    Markup page = new Markup(512);
    page.literal("<!DOCTYPE html>\n").open("html", "lang", "en").open("head").open("meta", "charset", "utf-8")
        .open("meta", "http-equiv", "refresh", "content", "0; url=" + href).element("title", "wxchat conformance report")
        .close("head").open("body").open("p").text("The report of this run is ").element("a", href, "href", href)
        .text(".").close("p").close("body").close("html").newline();
    return page.toString();
  }

  private static String title(RunResult run, List<TargetFolder> targets) {
    String names = String.join(" vs ", targets.stream().map(TargetFolder::name).toList());
    return "wxchat conformance: " + (names.isEmpty() ? "no targets" : names) + " \u2014 " + run.summaryLine();
  }

  private static void header(RunResult run, List<TargetFolder> targets, Markup page) {
    long cases = targets.stream().mapToLong(t -> t.target().cases().size()).sum();
    page.open("header", "class", "top").open("div").newline().element("h1", "wxchat conformance report").newline()
        .open("p", "class", "meta");
    if (run.started() != null) {
      page.text("Started " + WHEN.format(run.started()));
      if (run.finished() != null) {
        page.text(" \u00b7 took " + Millis.label(Duration.between(run.started(), run.finished()).toNanos()));
      }
      page.text(" \u00b7 ");
    }
    page.text(targets.size() + (targets.size() == 1 ? " target" : " targets") + ", "
        + cases + (cases == 1 ? " case run" : " cases run") + " \u00b7 ");
    if (run.strict()) {
      page.element("strong", "strict").text(": NON-STRICT counts as a failure");
    } else {
      page.text("not strict: NON-STRICT counts as passed (--strict to fail on it)");
    }
    page.close("p").newline().open("p", "class", "result");
    String status = run.aborted() ? "ABORTED" : run.failed() > 0 ? "FAILED" : "PASSED";
    String css = run.aborted() ? "v-aborted" : run.failed() > 0 ? "v-failed" : "v-passed";
    page.element("span", status, "class", "badge " + css).text(" " + run.summaryLine()).close("p").newline()
        .close("div").close("header").newline();
  }

  private static void summary(List<TargetFolder> targets, List<String> prefixes, boolean inTargetFolder, Markup page) {
    page.open("section", "id", "summary").newline().element("h2", "Summary").newline()
        .open("table", "class", "summary").newline().open("thead").open("tr").element("th", "Target", "scope", "col");
    for (Verdict verdict : Verdict.values()) {
      page.element("th", VerdictStyle.label(verdict), "scope", "col");
    }
    page.element("th", "Cases", "scope", "col").element("th", "Files", "scope", "col").close("tr").close("thead")
        .newline().open("tbody").newline();
    for (int t = 0; t < targets.size(); t++) {
      TargetResult target = targets.get(t).target();
      page.open("tr").open("th", "scope", "row").text(targets.get(t).name());
      if (target.profile() != null && !target.profile().isEmpty()) {
        page.text(" ").element("span", "(" + target.profile() + ")", "class", "muted");
      }
      page.element("div", target.description(), "class", "desc").close("th");
      for (Verdict verdict : Verdict.values()) {
        long count = target.count(verdict);
        page.open("td", "class", "n" + (count == 0 ? " zero" : ""));
        if (count == 0) {
          page.text("0");
        } else {
          page.element("span", VerdictStyle.icon(verdict) + " " + count, "class", "badge " + VerdictStyle.cssClass(verdict));
        }
        page.close("td");
      }
      String prefix = prefixes.get(t);
      page.element("td", target.cases().size(), "class", "n").open("td", "class", "files")
          .element("a", "junit.xml", "href", prefix + "junit.xml").text(" \u00b7 ")
          .element("a", "index.json", "href", prefix + "index.json").text(" \u00b7 ");
      if (inTargetFolder) {
        page.element("a", "whole run", "href", "../index.html");
      } else {
        page.element("a", "page", "href", prefix + "index.html");
      }
      page.close("td").close("tr").newline();
    }
    page.close("tbody").newline().close("table").newline();
    for (TargetFolder target : targets) {
      if (!target.target().aborted().isEmpty()) {
        page.open("div", "class", "abort", "role", "alert")
            .element("strong", "The run against " + target.name() + " stopped early")
            .text(" after " + target.target().cases().size() + " cases; the cases after that did not run.")
            .element("pre", target.target().aborted()).close("div").newline();
      }
    }
    page.close("section").newline();
  }
}

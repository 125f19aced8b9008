package io.wxchat.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.ConformanceRunner;
import io.wxchat.conformance.Progress;
import io.wxchat.conformance.RunOptions;
import io.wxchat.conformance.RunResult;
import io.wxchat.scenario.BundledScenarios;
import io.wxchat.scenario.Profile;
import io.wxchat.targets.EmbeddedTarget;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard suite's report as a person opens it: small (long payloads cut, the page written once)
 * and rendered by a real headless browser (Debian's Chromium), Chinese text and script included.
 */
class StandardReportIT {
  @TempDir
  static Path reports;
  static Path page;

  @BeforeAll
  static void run_the_standard_suite() throws Exception {
    RunResult run = new ConformanceRunner(new RunOptions(Profile.OPERATOR, 32, false, reports))
        .run(List.of(new EmbeddedTarget(Profile.OPERATOR)), BundledScenarios.loadAll().stream().filter(s -> !s.optIn()).toList(), Progress.SILENT);
    page = ReportWriter.write(run, reports);
  }

  @Test
  void the_standard_suite_s_html_is_under_1_mb_and_written_once() throws Exception {
    long html;
    try (Stream<Path> files = Files.walk(reports)) {
      html = files.filter(p -> p.toString().endsWith(".html")).mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(Files.size(page)).as("index.html bytes").isLessThan(1_000_000);
    assertThat(html).as("all HTML files of the run, bytes").isLessThan(1_000_000 + 1_000);
    assertThat(Files.readString(page)).contains("cut at 1,000 of").contains("href=\"reference/robustness.3.2.json\"");
  }

  @Test
  void the_standard_suite_s_whole_reports_folder_stays_a_few_mb() throws Exception {
    long bytes;
    try (Stream<Path> files = Files.walk(reports)) {
      // what the run wrote: not the browser check's profile, DOM dump and log beside it
      bytes = files.filter(Files::isRegularFile).filter(p -> !p.startsWith(reports.resolve("chromium-profile")))
          .filter(p -> !p.equals(reports.resolve("dom.txt")) && !p.equals(reports.resolve("chromium.log")))
          .mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(bytes).as("index.json, junit.xml, transcripts and pages of the standard suite, bytes")
        .isLessThan(4L << 20);
  }

  @Test
  void the_page_opens_in_a_real_browser_with_its_chinese_text_and_its_script() throws Exception {
    // given
    Path chromium = chromium().orElseThrow(() -> new AssertionError("Chromium is not installed, so the HTML report"
        + " cannot be checked in a real browser: apt-get install -y chromium (.ci/run does this)"));
    Path profile = Files.createDirectories(reports.resolve("chromium-profile"));
    // a case whose timeline the static page leaves closed (it passed)
    Matcher closed = Pattern.compile("<article class=\"case\" id=\"(case-[^\"]+)\" data-clean=\"1\">"
        + "(?:(?!</article>).)*<details class=\"timeline\">", Pattern.DOTALL).matcher(Files.readString(page));
    assertThat(closed.find()).as("a passed case with a timeline").isTrue();
    String anchor = closed.group(1);
    // when: open the page at that case's anchor; the page's script opens its timeline
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page.toUri() + "#" + anchor));
    Path dom = reports.resolve("dom.txt"); // not .html: the size test counts the run's pages
    Process browser = new ProcessBuilder(command).redirectOutput(dom.toFile())
        .redirectError(reports.resolve("chromium.log").toFile()).start();
    browser.getOutputStream().close();
    boolean ended = browser.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // then
    assertThat(ended).as("Chromium rendered the page within 90 s").isTrue();
    String rendered = Files.readString(dom, StandardCharsets.UTF_8);
    assertThat(rendered).as(Files.readString(reports.resolve("chromium.log"))).contains("wxchat conformance report")
        .contains("[自动回复] : 请等待用户接入回复...").contains("你好");
    Matcher revealed = Pattern.compile("<article class=\"case\" id=\"" + Pattern.quote(anchor) + "\".*?</article>",
        Pattern.DOTALL).matcher(rendered);
    assertThat(revealed.find()).isTrue();
    assertThat(revealed.group()).as("the script opened the timeline of " + anchor)
        .contains("<details class=\"timeline\" open=\"\">");
  }

  private static Optional<Path> chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}

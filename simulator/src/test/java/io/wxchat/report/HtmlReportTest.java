package io.wxchat.report;

import static io.wxchat.report.Runs.AUTO_REPLY;
import static io.wxchat.report.Runs.in;
import static io.wxchat.report.Runs.open;
import static io.wxchat.report.Runs.out;
import static io.wxchat.report.Runs.passed;
import static io.wxchat.report.Runs.reply;
import static io.wxchat.report.Runs.result;
import static io.wxchat.report.Runs.run;
import static io.wxchat.report.Runs.scenario;
import static io.wxchat.report.Runs.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private final Scenario greeting = scenario("operator.1.1", "The greeting gets the auto-reply", "C2", "O3");

  @TempDir
  Path dir;

  @Test
  void page_fetches_nothing_from_other_hosts() throws Exception {
    // given
    RunResult run = SampleRun.create();

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(html).doesNotContainPattern("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//");
    assertThat(html).doesNotContainPattern("(?i)@import|url\\(|<link|<iframe|<img|<script\\s+src");
    assertThat(Files.readString(dir.resolve("candidate/index.html")))
        .doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
  }

  @Test
  void hostile_payloads_render_as_text() throws Exception {
    // given
    String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    RunResult run = run(false, target("candidate", result(greeting, "candidate", Verdict.FAILED,
        "closest: " + hostile, List.of(hostile), in("alice", 1, hostile))));

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(html).doesNotContain(hostile).doesNotContain("<img")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    assertThat(count(html, "<script")).isEqualTo(1);
  }

  @Test
  void page_declares_utf8_and_keeps_cjk_as_is() throws Exception {
    // given
    RunResult run = run(false, target("reference", passed(greeting, "reference",
        out("alice", 1, "你好"), in("alice", 2, reply(AUTO_REPLY, "2026-1-3 , 9:05 am")))));

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
        .contains("<code>你好</code>").contains("[自动回复] : 请等待用户接入回复...");
  }

  @Test
  void divergence_marker_points_at_the_frame_where_one_reply_differs() throws Exception {
    // given
    RunResult run = run(false,
        target("reference", passed(greeting, "reference", open("alice", 1), out("alice", 2, "你好"),
            in("alice", 3, reply(AUTO_REPLY, "2026-1-3 , 9:05 am")))),
        target("candidate", result(greeting, "candidate", Verdict.FAILED, "content differs", List.of(),
            open("alice", 1), out("alice", 2, "你好"), in("alice", 3, reply("稍后回复", "2026-1-3 , 9:06 am")))));

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(html).contains("first divergence at frame 3, client alice");
    Matcher marked = Pattern.compile("<tr class=\"in diverge\"><td class=\"n\">(\\d+)</td>").matcher(html);
    assertThat(marked.results().map(m -> m.group(1))).containsExactly("3", "3");
    assertThat(html).contains("<td class=\"diff differ\"><a href=\"#case-operator.1.1\">\u2260 frame 3</a>");
  }

  @Test
  void a_reply_one_target_lacks_is_marked_at_the_end_of_its_timeline() throws Exception {
    // given
    RunResult run = run(false,
        target("reference", passed(greeting, "reference", out("alice", 2, "你好"),
            in("alice", 3, reply(AUTO_REPLY, "2026-1-3 , 9:05 am")))),
        target("candidate", result(greeting, "candidate", Verdict.FAILED, "nothing arrived", List.of(),
            out("alice", 2, "你好"))));

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(html).contains("candidate: missing, the transcript ends before it")
        .contains("<tr class=\"diverge gap\"><td class=\"n\">2</td>")
        .contains("the transcript ends without alice&#39;s next frame");
  }

  @Test
  void long_payloads_start_shortened_and_expand_in_place() throws Exception {
    // given
    String big = "长".repeat(HtmlTimeline.SHORT_PAYLOAD + 10);
    RunResult run = run(false, target("reference", passed(greeting, "reference", in("alice", 1, big))));

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(html).contains("<details class=\"long\"><summary><code>" + "长".repeat(HtmlTimeline.SHORT_PAYLOAD) + "\u2026</code>")
        .contains("<span class=\"more\">250 chars</span>").contains("<pre class=\"full\">" + big + "</pre>");
  }

  @Test
  void with_a_single_target_the_frame_a_failure_points_at_is_marked() throws Exception {
    // given: one target whose reply differs; the failure names the closest frame
    String wrong = reply("稍后回复", "2026-1-3 , 9:06 am");
    RunResult run = run(false, target("candidate", result(greeting, "candidate", Verdict.FAILED,
        "operator.1.1 step 3 (expect, client alice) FAILED after 2000 ms\n  expected: ...\n  closest:  " + wrong
            + "   /content differs", List.of(), open("alice", 1), out("alice", 2, "你好"), in("alice", 3, wrong))));

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    Matcher marked = Pattern.compile("<tr class=\"in diverge\"><td class=\"n\">(\\d+)</td>").matcher(html);
    assertThat(marked.results().map(m -> m.group(1))).containsExactly("3");
    assertThat(html).contains("Timeline: 3 frames, unexpected frame at frame 3")
        .contains("<span class=\"flag\">\u2260 closest to what the step expected</span>");
  }

  @Test
  void payloads_past_the_bound_are_cut_with_their_size_and_a_link_to_the_transcript() throws Exception {
    // given
    String huge = "x".repeat(HtmlTimeline.MAX_PAYLOAD * 3);
    RunResult run = run(false, target("reference", passed(greeting, "reference", in("alice", 1, huge))));

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(html).doesNotContain(huge.substring(0, HtmlTimeline.MAX_PAYLOAD + 1))
        .contains("\u2026 cut at 1,000 of 3,000 chars; the whole payload is in the <a href=\"reference/operator.1.1.json\">");
  }

  private static long count(String text, String part) {
    return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }
}

package io.wxchat.report;

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

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.TargetResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import io.wxchat.session.RecordedEvent;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitXmlTest {
  private static final String FAILURE = """
      operator.1.1 step 3 (expect, client alice) FAILED after 2000 ms
        expected: {"content":"[自动回复] : 请等待用户接入回复..."} (other fields ignored)
        closest:  {"content":"[自动回复] : 稍后回复","date":"2026-21-11 , 9:05 pm"}   /content differs
        transcript: reports/candidate/operator.1.1.json""";
  private final Scenario greeting = scenario("operator.1.1", "The greeting gets the auto-reply", "C2", "O3");
  private final Scenario push = scenario("operator.2.1", "A push reaches the client", "O5");
  private final Scenario binary = scenario("echo.2.1", "Binary frames are ignored", "E4");

  @TempDir
  Path dir;

  @Test
  void failed_case_has_the_full_failure_text_as_element_body_and_the_transcript_in_system_out() throws Exception {
    // given
    CaseResult failed = result(greeting, "candidate", Verdict.FAILED, FAILURE, List.of(),
        open("alice", 0.5), out("alice", 1, "你好"), in("alice", 12.345, reply("[自动回复] : 稍后回复", "x")));

    // when
    Element testcase = onlyTestcase(run(false, target("candidate", failed)));

    // then
    Element failure = child(testcase, "failure");
    assertThat(failure.getAttribute("message"))
        .isEqualTo("operator.1.1 step 3 (expect, client alice) FAILED after 2000 ms");
    assertThat(failure.getTextContent()).isEqualTo(FAILURE);
    assertThat(child(testcase, "system-out").getTextContent())
        .contains("+1.000 ms alice -> text   你好")
        .contains("+12.345 ms alice <- text   {\"content\":\"[自动回复] : 稍后回复\",\"date\":\"x\"}");
  }

  @Test
  void testcases_are_named_by_id_title_and_target_with_suite_and_profile_as_classname() throws Exception {
    // given
    RunResult run = run(false, target("candidate", passed(greeting, "candidate"), passed(push, "candidate")));

    // when
    Document xml = junit(run, "candidate");

    // then
    assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("operator.operator [candidate]");
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("0");
    Element testcase = (Element) suite.getElementsByTagName("testcase").item(0);
    assertThat(testcase.getAttribute("classname")).isEqualTo("operator.operator");
    assertThat(testcase.getAttribute("name")).isEqualTo("operator.1.1 The greeting gets the auto-reply [candidate]");
    assertThat(testcase.getAttribute("time")).isEqualTo("0.012");
    assertThat(testcase.getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void unimplemented_and_informational_cases_are_skipped() throws Exception {
    // given
    RunResult run = run(false, target("candidate",
        result(push, "candidate", Verdict.UNIMPLEMENTED, "", List.of("no operator driver: pass --operator-stdin")),
        result(binary, "candidate", Verdict.INFORMATIONAL, "", List.of("the server echoed the bytes"))));

    // when
    Document xml = junit(run, "candidate");

    // then
    assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
    assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(2);
    assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    assertThat(((Element) xml.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .isEqualTo("UNIMPLEMENTED: no operator driver: pass --operator-stdin");
    assertThat(xml.getDocumentElement().getAttribute("skipped")).isEqualTo("2");
  }

  @Test
  void non_strict_passes_with_its_note_in_system_out_when_not_strict() throws Exception {
    // given
    CaseResult nonStrict = result(greeting, "candidate", Verdict.NON_STRICT, "",
        List.of("date \"2026-03-01T09:00\" is a date, but not in the documented format"));

    // when
    Element testcase = onlyTestcase(run(false, target("candidate", nonStrict)));

    // then
    assertThat(testcase.getElementsByTagName("failure").getLength()).isZero();
    assertThat(child(testcase, "system-out").getTextContent())
        .startsWith("NON-STRICT:\ndate \"2026-03-01T09:00\" is a date");
  }

  @Test
  void strict_makes_non_strict_a_failure() throws Exception {
    // given
    CaseResult nonStrict = result(greeting, "candidate", Verdict.NON_STRICT, "",
        List.of("date \"2026-03-01T09:00\" is a date, but not in the documented format"));

    // when
    Element testcase = onlyTestcase(run(true, target("candidate", nonStrict)));

    // then
    Element failure = child(testcase, "failure");
    assertThat(failure.getAttribute("type")).isEqualTo("NON-STRICT");
    assertThat(failure.getTextContent()).contains("--strict").contains("not in the documented format");
  }

  @Test
  void characters_illegal_in_xml_are_replaced_and_the_file_still_parses() throws Exception {
    // given
    String hostile = "nul\u0000 bell\u0007 esc\u001b lone\uD800 \uFFFE ]]> <x> & \"q\" \uFFFD 😀";
    CaseResult failed = new CaseResult(greeting, "candidate", Verdict.FAILED, 1, "failed: " + hostile,
        List.of(hostile), List.of(in("alice", 1, hostile)), "log " + hostile);

    // when
    Element testcase = onlyTestcase(run(false, target("candidate", failed)));

    // then
    String shown = "nul\u2400 bell\u2407 esc\u241b lone\uFFFD \uFFFD ]]> <x> & \"q\" \uFFFD 😀";
    assertThat(child(testcase, "failure").getTextContent()).isEqualTo("failed: " + shown);
    assertThat(child(testcase, "system-out").getTextContent()).contains(shown);
    assertThat(child(testcase, "system-err").getTextContent()).isEqualTo("log " + shown);
  }

  @Test
  void long_transcripts_are_cut_in_system_out_with_a_pointer_to_the_json() throws Exception {
    // given
    RecordedEvent[] burst = new RecordedEvent[TranscriptText.MAX_LINES + 5];
    for (int i = 0; i < burst.length; i++) {
      burst[i] = out("alice", i, "x".repeat(TranscriptText.MAX_PAYLOAD + 1));
    }

    // when
    Element testcase = onlyTestcase(run(false, target("candidate", passed(greeting, "candidate", burst))));

    // then
    String systemOut = child(testcase, "system-out").getTextContent();
    assertThat(systemOut).endsWith("... 5 more frames in operator.1.1.json\n")
        .contains("... (" + (TranscriptText.MAX_PAYLOAD + 1) + " chars in all, see operator.1.1.json)");
  }

  @Test
  void a_run_that_stopped_early_is_reported_as_an_error() throws Exception {
    // given
    TargetResult aborted = new TargetResult("candidate", "node server.js", "operator",
        List.of(passed(greeting, "candidate")), "the server exited with code 1 during operator.1.2");

    // when
    Document xml = junit(run(false, aborted), "candidate");

    // then
    assertThat(xml.getDocumentElement().getAttribute("errors")).isEqualTo("1");
    Element error = (Element) xml.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).isEqualTo("the server exited with code 1 during operator.1.2");
  }

  private Element onlyTestcase(RunResult run) throws Exception {
    Document xml = junit(run, run.targets().get(0).name());
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    return (Element) xml.getElementsByTagName("testcase").item(0);
  }

  private Document junit(RunResult run, String folder) throws Exception {
    ReportWriter.write(run, dir);
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(folder + "/junit.xml").toFile());
  }

  private static Element child(Element parent, String name) {
    assertThat(parent.getElementsByTagName(name).getLength()).as("<%s> in <%s>", name, parent.getTagName()).isEqualTo(1);
    return (Element) parent.getElementsByTagName(name).item(0);
  }
}

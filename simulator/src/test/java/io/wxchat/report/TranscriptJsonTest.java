package io.wxchat.report;

import static io.wxchat.report.Runs.in;
import static io.wxchat.report.Runs.out;
import static io.wxchat.report.Runs.result;
import static io.wxchat.report.Runs.run;
import static io.wxchat.report.Runs.scenario;
import static io.wxchat.report.Runs.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.session.RecordedEvent;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void case_transcript_holds_expectation_verdict_and_every_event_timed_in_milliseconds() throws Exception {
    // given
    CaseResult failed = new CaseResult(scenario("operator.2.1", "A push reaches the client", "O5"), "candidate",
        Verdict.FAILED, 2_001_234_567L, "operator.2.1 step 4 (expect, client alice) FAILED after 2000 ms",
        List.of("a note"), List.of(out("alice", 1.5, "你好"), in("alice", 12.345678, "{\"content\":\"好\"}"),
            new RecordedEvent("alice", 2_000_000_000L, Direction.IN, Kind.CLOSE, "bye", 1000)),
        "server: listening\n");
    RunResult run = run(false, target("candidate", failed));

    // when
    ReportWriter.write(run, dir);

    // then
    String text = Files.readString(dir.resolve("candidate/operator.2.1.json"));
    JsonNode json = JSON.readTree(text);
    assertThat(json.get("id").asText()).isEqualTo("operator.2.1");
    assertThat(json.get("title").asText()).isEqualTo("A push reaches the client");
    assertThat(json.get("expectation").asText()).isEqualTo("Each 你好 is answered with one auto-reply");
    assertThat(json.get("rules").toString()).isEqualTo("[\"O5\"]");
    assertThat(json.get("target").asText()).isEqualTo("candidate");
    assertThat(json.get("verdict").asText()).isEqualTo("FAILED");
    assertThat(json.get("duration").decimalValue()).isEqualByComparingTo("2001.235");
    assertThat(json.get("failure").asText()).startsWith("operator.2.1 step 4");
    assertThat(json.get("notes").toString()).isEqualTo("[\"a note\"]");
    assertThat(json.get("serverLog").asText()).isEqualTo("server: listening\n");
    assertThat(json.get("events")).hasSize(3);
    assertThat(json.at("/events/1").toString()).isEqualTo(
        "{\"client\":\"alice\",\"t\":12.346,\"direction\":\"in\",\"kind\":\"text\",\"payload\":\"{\\\"content\\\":\\\"好\\\"}\",\"code\":0}");
    assertThat(json.at("/events/2/code").asInt()).isEqualTo(1000);
    assertThat(text).contains("\"t\" : 1.500").contains("你好");
  }

  @Test
  void unpaired_surrogates_and_control_characters_do_not_break_the_json() throws Exception {
    // given
    CaseResult hostile = result(scenario("robustness.1.1", "Hostile bytes", "R1"), "candidate", Verdict.FAILED,
        "broken \uD800 text", List.of(), in("alice", 1, "bell\u0007 and lone \uDC00"));

    // when
    ReportWriter.write(run(false, target("candidate", hostile)), dir);

    // then
    JsonNode json = JSON.readTree(dir.resolve("candidate/robustness.1.1.json").toFile());
    assertThat(json.get("failure").asText()).isEqualTo("broken \uFFFD text");
    assertThat(json.at("/events/0/payload").asText()).isEqualTo("bell\u0007 and lone \uFFFD");
  }
}

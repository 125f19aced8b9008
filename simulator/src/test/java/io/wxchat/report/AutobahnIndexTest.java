package io.wxchat.report;

import static io.wxchat.report.Runs.passed;
import static io.wxchat.report.Runs.result;
import static io.wxchat.report.Runs.run;
import static io.wxchat.report.Runs.scenario;
import static io.wxchat.report.Runs.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutobahnIndexTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Scenario greeting = scenario("operator.1.1", "The greeting gets the auto-reply", "C2", "O3");
  private final Scenario binary = scenario("operator.1.5", "Binary frames are ignored", "O8");

  @TempDir
  Path dir;

  @Test
  void target_index_maps_each_case_to_behavior_duration_and_reportfile_like_autobahn() throws Exception {
    // given
    RunResult run = run(false, target("candidate", passed(greeting, "candidate"),
        result(binary, "candidate", Verdict.NON_STRICT, "", List.of("date is ISO-8601"))));

    // when
    ReportWriter.write(run, dir);

    // then
    JsonNode index = JSON.readTree(dir.resolve("candidate/index.json").toFile());
    assertThat(index.fieldNames()).toIterable().containsExactly("candidate");
    assertThat(index.at("/candidate").fieldNames()).toIterable().containsExactly("operator.1.1", "operator.1.5");
    assertThat(JSON.readTree("""
        {"behavior": "OK", "verdict": "PASSED", "duration": 12, "reportfile": "operator.1.1.json",
         "title": "The greeting gets the auto-reply", "rules": ["C2", "O3"]}
        """)).isEqualTo(index.at("/candidate/operator.1.1"));
    assertThat(index.at("/candidate/operator.1.5/behavior").asText()).isEqualTo("NON-STRICT");
    assertThat(index.at("/candidate/operator.1.5/verdict").asText()).isEqualTo("NON_STRICT");
  }

  @Test
  void run_index_has_a_key_per_target_and_reportfiles_relative_to_it() throws Exception {
    // given
    RunResult run = run(false, target("reference", passed(greeting, "reference")),
        target("candidate", result(greeting, "candidate", Verdict.FAILED, "no reply", List.of())));

    // when
    ReportWriter.write(run, dir);

    // then
    JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
    assertThat(index.fieldNames()).toIterable().containsExactly("reference", "candidate");
    assertThat(index.at("/candidate/operator.1.1/behavior").asText()).isEqualTo("FAILED");
    String reportfile = index.at("/candidate/operator.1.1/reportfile").asText();
    assertThat(reportfile).isEqualTo("candidate/operator.1.1.json");
    assertThat(dir.resolve(reportfile)).isRegularFile();
  }
}

package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioFilesTest {
  private static final String GREETING = """
      # the mini-program greets on open
      id: operator.1.1
      title: The greeting gets the auto-reply
      expectation: One auto-reply, exact content, documented date
      rules: [C2, O1, O2, O3]
      tags: core
      profiles: [operator]
      requires: [fresh]
      steps:
        - connect: alice
        - send: {client: alice, text: 你好}
        - expect:
            client: alice
            within: 1.5s
            message:
              json:
                content: {equalTo: "[自动回复] : 请等待用户接入回复..."}
                date: {dateFormat: operator}
        - silence: {client: alice, for: 500ms}
        - operator: 客服来了
        - close: alice
      """;

  @Test
  void a_yaml_file_becomes_the_same_scenario_as_the_java_builder_makes() {
    Scenario fromFile = ScenarioFiles.parse(GREETING, "greeting.yaml");
    Scenario fromJava = Scenario.builder("operator.1.1")
        .title("The greeting gets the auto-reply")
        .expectation("One auto-reply, exact content, documented date")
        .rules("C2", "O1", "O2", "O3").tags("core")
        .profiles(Profile.OPERATOR).requires(Requirement.FRESH)
        .steps(Steps.connect("alice"), Steps.send("alice", "你好"),
            Steps.expect("alice", Matchers.autoReply(), Duration.ofMillis(1500)),
            Steps.silence("alice", Duration.ofMillis(500)),
            Steps.operator("客服来了"),
            Steps.close("alice"))
        .build();
    assertThat(fromFile).isEqualTo(fromJava);
  }

  @Test
  void a_scenario_survives_a_round_trip_through_json_and_yaml() {
    Scenario scenario = ScenarioFiles.parse(GREETING, "greeting.yaml");
    assertThat(ScenarioFiles.parse(ScenarioFiles.toJson(scenario), "json")).isEqualTo(scenario);
    assertThat(ScenarioFiles.parse(ScenarioFiles.toYaml(scenario), "yaml")).isEqualTo(scenario);
  }

  @Test
  void an_unknown_step_names_the_file_the_line_and_the_step_kinds() {
    String bad = GREETING.replace("- silence:", "- silense:");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "scenarios/operator/greeting.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("scenarios/operator/greeting.yaml:19: at /steps/3: unknown step \"silense\"; expected one of "
            + "[connect, send, expect, silence, expectClose, operator, http, wait, close, pauseReading,"
            + " resumeReading, clients, repeat, oneOf, endOfInput, fault, gap, canary,"
            + " upgradeFlood, awaitClose, tcp]");
  }

  @Test
  void an_unknown_field_names_the_allowed_fields() {
    String bad = GREETING.replace("{client: alice, text: 你好}", "{clinet: alice, text: 你好}");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "g.yaml"))
        .hasMessageStartingWith("g.yaml:11: at /steps/1: unknown field \"clinet\" in send; expected one of "
            + "[binary, client, raw, text, times]");
  }

  @Test
  void a_broken_rule_inside_a_step_is_reported_with_its_place() {
    String bad = GREETING.replace("{client: alice, text: 你好}", "{client: alice}");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "g.yaml"))
        .hasMessageContaining("g.yaml:11")
        .hasMessageEndingWith("send needs exactly one of text, binary, raw; got 0");
  }

  @Test
  void a_bad_duration_says_how_to_write_one() {
    String bad = GREETING.replace("for: 500ms", "for: half a second");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "g.yaml"))
        .hasMessageContaining("not a duration: \"half a second\"; write it like 500ms, 2s, 1.5s or 1m");
  }

  @Test
  void an_unknown_matcher_names_the_matchers() {
    String bad = GREETING.replace("{dateFormat: operator}", "{dateFmt: operator}");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "g.yaml"))
        .hasMessageContaining("unknown matcher \"dateFmt\"; expected one of [equalTo, contains, matches, json,"
            + " jsonExactly, dateFormat, any]");
  }

  @Test
  void waits_and_empty_texts_survive_a_round_trip() {
    Scenario scenario = Scenario.builder("demo.1.1").title("t").expectation("e").rules("C3")
        .steps(Steps.connect("a"), Steps.send("a", ""), Steps.waitFor(Duration.ofMillis(200))).build();
    assertThat(ScenarioFiles.parse(ScenarioFiles.toYaml(scenario), "yaml")).isEqualTo(scenario);
    assertThat(ScenarioFiles.parse(ScenarioFiles.toJson(scenario), "json")).isEqualTo(scenario);
  }

  @Test
  void ids_sort_by_number_not_by_text() {
    assertThat(ScenarioFiles.compareIds("operator.2.10", "operator.2.9")).isPositive();
    assertThat(ScenarioFiles.compareIds("echo.1.1", "operator.1.1")).isNegative();
  }
}

package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The oneOf step: a documented branch and NON_STRICT alternatives, in files and in Java alike. */
class OneOfTest {
  private static final String CASE = """
      id: operator.3.4
      title: t
      expectation: e
      rules: [O6]
      steps:
        - connect: alice
        - oneOf:
            - steps:
                - silence: {client: alice, for: 500ms}
            - nonStrict: the line reached alice late (seed 002 does this, see D1)
              steps:
                - expect: {client: alice, message: {json: {content: {equalTo: 客服已上线}}}}
                - silence: {client: alice, for: 500ms}
      """;

  @Test
  void a_file_with_a_seed_alternative_reads_as_the_java_builder_writes_it() {
    Scenario fromFile = ScenarioFiles.parse(CASE, "3.4.yaml");
    Scenario fromJava = Scenario.builder("operator.3.4").title("t").expectation("e").rules("O6")
        .steps(Steps.connect("alice"), Steps.oneOf(
            Steps.documented(Steps.silence("alice", Duration.ofMillis(500))),
            Steps.nonStrict("the line reached alice late (seed 002 does this, see D1)",
                Steps.expect("alice", Matchers.json("content", Matchers.equalTo("客服已上线")), Step.DEFAULT_WITHIN),
                Steps.silence("alice", Duration.ofMillis(500)))))
        .build();
    assertThat(fromFile).isEqualTo(fromJava);
    assertThat(ScenarioFiles.parse(ScenarioFiles.toYaml(fromFile), "yaml")).isEqualTo(fromFile);
  }

  @Test
  void the_first_branch_is_the_documented_one_and_has_no_non_strict_reason() {
    String bad = CASE.replace("    - steps:\n          - silence", "    - nonStrict: x\n        steps:\n          - silence");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "3.4.yaml")).isInstanceOf(ScenarioException.class)
        .hasMessageEndingWith("oneOf: the first branch is the documented behaviour and has no nonStrict");
  }

  @Test
  void an_alternative_without_a_reason_is_refused() {
    String bad = CASE.replace("      - nonStrict: the line reached alice late (seed 002 does this, see D1)\n        steps:",
        "      - steps:");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "3.4.yaml")).isInstanceOf(ScenarioException.class)
        .hasMessageEndingWith("oneOf: branch 2 needs nonStrict: the deviation it accepts");
  }

  @Test
  void every_branch_starts_by_waiting_on_the_same_named_client() {
    String bad = CASE.replace("- expect: {client: alice,", "- expect: {client: bob,");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "3.4.yaml")).isInstanceOf(ScenarioException.class)
        .hasMessageEndingWith("oneOf: every branch starts with an expect or a silence on one named client, the same"
            + " in all branches");
  }
}

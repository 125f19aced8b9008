package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.Step;
import io.wxchat.session.RecordedEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** run's variables come from --var, else the environment; a missing one stops the run with how to set it. */
class RunVariablesTest {
  private static Scenario using(String id, String path) {
    return ScenarioFiles.parse("""
        id: %s
        title: t
        expectation: e
        rules: [T1]
        steps:
          - connect: {client: alice, path: "%s"}
        """.formatted(id, path), id);
  }

  private static final Scenario ONE = using("recorded.one", "/?token={TOKEN}");
  private static final Scenario TWO = using("recorded.two", "/?token={TOKEN}&sid={SID}");

  @Test
  void a_var_wins_over_the_environment_and_the_environment_fills_the_rest() {
    // when
    RunVariables variables = RunVariables.resolve(Map.of("TOKEN", "from-var"), Map.of("TOKEN", "from-env",
        "SID", "sid-from-env"), List.of(ONE, TWO), id -> id + ".yaml");
    // then
    assertThat(((Step.Connect) variables.apply(TWO).steps().get(0)).path()).isEqualTo("/?token=from-var&sid=sid-from-env");
    assertThat(variables.notes()).isEmpty();
  }

  @Test
  void a_missing_variable_names_the_file_the_variable_and_both_ways_to_set_it() {
    assertThatThrownBy(() -> RunVariables.resolve(Map.of(), Map.of(), List.of(ONE), id -> "scenarios/recorded/one.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scenarios/recorded/one.yaml: {TOKEN} needs a value; run with --var TOKEN=VALUE or set the"
            + " environment variable TOKEN");
  }

  @Test
  void several_missing_variables_are_one_line_per_file_and_an_empty_environment_variable_counts_as_unset() {
    assertThatThrownBy(() -> RunVariables.resolve(Map.of(), Map.of("SID", ""), List.of(ONE, TWO), id -> id + ".yaml"))
        .hasMessage("recorded.one.yaml: {TOKEN} needs a value; run with --var TOKEN=VALUE or set the environment"
            + " variable TOKEN" + System.lineSeparator()
            + "wxchat-sim: recorded.two.yaml: {TOKEN}, {SID} need values; run with --var TOKEN=VALUE --var SID=VALUE"
            + " or set the environment variables TOKEN, SID (SID is set but empty)");
  }

  @Test
  void an_explicit_empty_var_is_a_value_and_a_var_no_case_uses_is_a_note() {
    RunVariables variables = RunVariables.resolve(Map.of("TOKEN", "", "TYPO", "x"), Map.of(), List.of(ONE),
        id -> id);

    assertThat(((Step.Connect) variables.apply(ONE).steps().get(0)).path()).isEqualTo("/?token=");
    assertThat(variables.notes()).containsExactly("--var TYPO is used by none of the selected cases (they use TOKEN)");
  }

  @Test
  void a_var_whose_name_is_not_upper_case_is_refused_with_the_rule() {
    assertThatThrownBy(() -> RunVariables.resolve(Map.of("token", "x"), Map.of(), List.of(ONE), id -> id))
        .hasMessage("--var token=...: a variable's name is upper case letters, digits and _, like --var TOKEN=VALUE"
            + " for {TOKEN}");
  }

  @Test
  void results_show_the_scenario_as_written_and_each_value_as_its_name() {
    // given
    RunVariables variables = RunVariables.resolve(Map.of("TOKEN", "s3cret-value"), Map.of(), List.of(ONE), id -> id);
    Scenario ran = variables.apply(ONE);
    CaseResult result = new CaseResult(ran, "reference", Verdict.FAILED, 1, Optional.of(new Failure(Failure.Kind.MISMATCH,
        "1 (connect)", "cannot connect to /?token=s3cret-value", "", List.of(new Failure.Near("s3cret-value", "", 0)),
        5, List.of(), "")), List.of("note s3cret-value"), List.of(new RecordedEvent("alice", 0,
        RecordedEvent.Direction.INFO, RecordedEvent.Kind.OPEN, "ws://127.0.0.1:1/?token=s3cret-value", 101)),
        "log s3cret-value", "", false);
    // when
    CaseResult shown = variables.hide(result);
    // then
    assertThat(shown.scenario()).isSameAs(ONE);
    assertThat(shown.failure()).doesNotContain("s3cret-value").contains("cannot connect to /?token={TOKEN}");
    assertThat(shown.notes()).containsExactly("note {TOKEN}");
    assertThat(shown.transcript().get(0).payload()).isEqualTo("ws://127.0.0.1:1/?token={TOKEN}");
    assertThat(shown.serverLog()).isEqualTo("log {TOKEN}");
  }

  @Test
  void in_java_the_same_errors_say_how_to_set_a_variable_with_the_builder() {
    assertThatThrownBy(() -> RunVariables.resolve(Map.of(), Map.of("SID", ""), List.of(ONE, TWO), id -> id + ".yaml",
        RunVariables.Syntax.JAVA))
        .hasMessage("recorded.one.yaml: {TOKEN} needs a value; call .variable(\"TOKEN\", VALUE) or set the environment"
            + " variable TOKEN" + System.lineSeparator()
            + "recorded.two.yaml: {TOKEN}, {SID} need values; call .variable(\"TOKEN\", VALUE) .variable(\"SID\", VALUE)"
            + " or set the environment variables TOKEN, SID (SID is set but empty)");
    assertThatThrownBy(() -> RunVariables.resolve(Map.of("token", "x"), Map.of(), List.of(ONE), id -> id,
        RunVariables.Syntax.JAVA))
        .hasMessage(".variable(\"token\", ...): a variable's name is upper case letters, digits and _, like"
            + " .variable(\"TOKEN\", VALUE) for {TOKEN}");
  }
}

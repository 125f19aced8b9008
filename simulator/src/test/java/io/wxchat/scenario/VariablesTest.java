package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {NAME} in a scenario stands for a value given at run time; {i} and {client} stay bindings. */
class VariablesTest {
  private static final Scenario RECORDED = ScenarioFiles.parse("""
      id: recorded.secret
      title: An operator console with a token
      expectation: The line reaches alice
      rules: [T1]
      steps:
        - connect: alice
        - connect: {client: bob, path: "/operator?token={TOKEN}", headers: {Authorization: "Bearer {TOKEN}", Cookie: "{COOKIE}"}}
        - send: {client: bob, text: "您好 {AGENT}"}
        - operator: "line for {AGENT}"
        - expect: {client: alice, message: {jsonExactly: {content: {equalTo: "您好 {AGENT}"}, date: {any: true}}}}
        - repeat:
            times: 2
            steps:
              - send: {client: alice, text: "#{i} {Lower} {A_1}"}
      """, "recorded.yaml");

  @Test
  void used_names_the_variables_in_paths_headers_texts_operator_lines_and_matchers_in_order() {
    assertThat(Variables.used(RECORDED)).containsExactly("TOKEN", "COOKIE", "AGENT", "A_1");
  }

  @Test
  void apply_puts_each_value_in_place_and_leaves_bindings_and_unknown_names_as_written() {
    // when
    Scenario replayed = Variables.of(Map.of("TOKEN", "s3cret$1", "COOKIE", "sid=1", "AGENT", "小王")).apply(RECORDED);
    // then
    List<Step> steps = replayed.steps();
    assertThat(steps.get(1)).isEqualTo(new Step.Connect("bob", "/operator?token=s3cret$1",
        Map.of("Authorization", "Bearer s3cret$1", "Cookie", "sid=1"), List.of(), false, null));
    assertThat(steps.get(2)).isEqualTo(new Step.Send("bob", "您好 小王", null, null, null));
    assertThat(steps.get(3)).isEqualTo(new Step.OperatorSays("line for 小王"));
    assertThat(((Step.Expect) steps.get(4)).message()).isEqualTo(Matchers.jsonExactly("content",
        Matchers.equalTo("您好 小王"), "date", Matchers.any()));
    assertThat(((Step.Repeat) steps.get(5)).steps()).containsExactly(
        new Step.Send("alice", "#{i} {Lower} {A_1}", null, null, null));
  }

  @Test
  void hide_writes_values_back_as_their_names_for_reports() {
    Variables values = Variables.of(Map.of("TOKEN", "s3cret-token", "SHORT", "ab"));

    assertThat(values.hide("GET /operator?token=s3cret-token (ab)")).isEqualTo("GET /operator?token={TOKEN} (ab)");
  }

  @Test
  void a_name_that_is_not_upper_case_is_refused_with_the_rule() {
    assertThatThrownBy(() -> Variables.of(Map.of("token", "x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a variable's name is upper case letters, digits and _, like TOKEN: token");
  }
}

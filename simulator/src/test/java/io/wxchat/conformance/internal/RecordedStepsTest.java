package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.record.Replay;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steps of a recording are named by what they were in the session, counted per client. */
class RecordedStepsTest {
  private static final String FILE = """
      id: recorded.names
      title: t
      expectation: e
      rules: [T1]
      tags: [%s]
      steps:
        - connect: alice
        - send: {client: alice, text: 你好}
        - expect: {client: alice, message: {any: true}}
        - gap: 300ms
        - connect: bob
        - send: {client: bob, text: 你好}
        - send: {client: alice, text: 在吗}
        - expect: {client: bob, message: {any: true}}
        - expect: {client: alice, message: {any: true}}
        - operator: 您好
        - expectClose: {client: bob, code: 1006}
        - close: {client: alice, code: 1000}
      """;

  private static List<String> names(Scenario scenario, List<Step> steps, Bindings b) {
    RecordedSteps recorded = RecordedSteps.of(scenario);
    return java.util.stream.IntStream.range(0, steps.size()).mapToObj(i -> recorded.describe(steps, i, b)).toList();
  }

  @Test
  void each_step_of_a_recording_says_which_frame_of_which_client_it_was() {
    Scenario scenario = ScenarioFiles.parse(FILE.formatted("recorded"), "names.yaml");

    assertThat(names(scenario, scenario.steps(), Bindings.NONE)).containsExactly(
        "alice connecting, as in the recording",
        "the 1st message alice sent in the recording",
        "the 1st frame alice received in the recording",
        null,
        "bob connecting, as in the recording",
        "the 1st message bob sent in the recording",
        "the 2nd message alice sent in the recording",
        "the 1st frame bob received in the recording",
        "the 2nd frame alice received in the recording",
        "the operator's 1st line in the recording",
        "the close bob received in the recording",
        "alice closing, as in the recording");
  }

  @Test
  void copies_name_each_copys_own_client() {
    Scenario copies = Replay.parse("replies", 3).apply(ScenarioFiles.parse(FILE.formatted("recorded")
        .replace("  - operator: 您好\n", ""), "names.yaml"));
    List<Step> inner = ((Step.Clients) copies.steps().get(0)).steps();

    assertThat(names(copies, inner, Bindings.NONE.withIndex(2)).get(7)).isEqualTo(
        "the 2nd frame alice-2 received in the recording");
  }

  @Test
  void a_scenario_that_is_not_a_recording_keeps_the_usual_names() {
    Scenario scenario = ScenarioFiles.parse(FILE.formatted("chat"), "names.yaml");

    assertThat(names(scenario, scenario.steps(), Bindings.NONE)).containsOnlyNulls();
  }

  @Test
  void ordinals_read_as_english() {
    assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112).stream().map(RecordedSteps::ordinal))
        .containsExactly("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
            "112th");
  }
}

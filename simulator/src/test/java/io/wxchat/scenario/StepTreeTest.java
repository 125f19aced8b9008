package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One walk of a step tree: every nested step is reached once, whatever holds it. */
class StepTreeTest {
  private static final Duration QUIET = Duration.ofMillis(300);

  @Test
  void a_leaf_step_is_its_own_only_step() {
    Step send = Steps.send("alice", "你好");

    assertThat(send.flattened()).containsExactly(send);
  }

  @Test
  void steps_nested_in_repeats_groups_and_every_branch_come_depth_first_and_once() {
    Step inBranch = Steps.operator("客服已上线");
    Step silence = Steps.silence("alice", QUIET);
    Step oneOf = Steps.oneOf(Steps.documented(silence),
        Steps.nonStrict("late (seed 002, D1)", Steps.expect("alice", Matchers.contains("x")), inBranch));
    Step greet = Steps.send("c{i}", "你好");
    Step group = Steps.clients(3, "c{i}", greet);
    Step repeat = Steps.repeat(2, group, oneOf);

    List<Step> all = List.of(Steps.connect("alice"), repeat).stream().flatMap(Step::flattened).toList();

    assertThat(all).hasSize(8);
    assertThat(all.subList(1, 5)).containsExactly(repeat, group, greet, oneOf);
    assertThat(all.get(5)).isSameAs(silence);
    assertThat(all.get(7)).isSameAs(inBranch);
  }
}

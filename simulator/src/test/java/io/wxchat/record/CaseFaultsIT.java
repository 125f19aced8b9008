package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Step;
import io.wxchat.scenario.WireFault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which clients of a case connect through their own fault proxy. */
class CaseFaultsIT {
  private static final URI TARGET = URI.create("ws://127.0.0.1:1/chat");

  @Test
  void a_fault_step_inside_a_oneof_branch_routes_its_client_through_a_proxy_from_the_first_connect() {
    // given: the fault step is only in the alternative branch, which is chosen after alice connected
    Step.OneOf oneOf = new Step.OneOf(List.of(
        new Step.Branch(null, List.of(new Step.Silence("alice", Duration.ofMillis(100)))),
        new Step.Branch("the reply came", List.of(new Step.Silence("alice", Duration.ofMillis(100)),
            new Step.Fault("alice", false, false, WireFault.parse("latency=50ms"))))));
    try (CaseFaults faults = new CaseFaults(TARGET, null)) {
      // when
      faults.plan(List.of(new Step.Connect("alice", null, null, null, false, null), oneOf));
      URI route = faults.route("alice", TARGET);
      // then
      assertThat(route.getPort()).isNotEqualTo(TARGET.getPort());
      assertThat(route.getPath()).isEqualTo("/chat");
    }
  }

  @Test
  void a_case_without_fault_steps_connects_directly() {
    try (CaseFaults faults = new CaseFaults(TARGET, null)) {
      faults.plan(List.of(new Step.Connect("alice", null, null, null, false, null), new Step.Silence("alice", Duration.ofMillis(100))));

      assertThat(faults.route("alice", TARGET)).isEqualTo(TARGET);
    }
  }
}

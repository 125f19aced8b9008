package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Step;
import io.wxchat.scenario.WireFault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fault and gap steps are named by what they do, not "wait". */
class StepNamesTest {
  @Test
  void a_fault_step_names_its_fault_and_its_client() {
    Bindings copy = Bindings.NONE.withIndex(3);

    assertThat(StepNames.describe(new Step.Fault("alice", false, false, WireFault.parse("latency=300ms")), Bindings.NONE))
        .isEqualTo("fault latency 300ms, between alice");
    assertThat(StepNames.describe(new Step.Fault("u{i}", false, false, WireFault.parse("slice=1,jitter=50ms")), copy))
        .isEqualTo("fault jitter 50ms slice 1, between u3");
    assertThat(StepNames.describe(new Step.Fault("alice", false, true, WireFault.NONE), Bindings.NONE))
        .isEqualTo("fault reset, between alice");
    assertThat(StepNames.describe(new Step.Fault("alice", true, false, WireFault.NONE), Bindings.NONE))
        .isEqualTo("fault clear, between alice");
    assertThat(StepNames.describe(new Step.Fault("alice", false, false, WireFault.parse("half-open")), Bindings.NONE))
        .isEqualTo("fault half-open, between alice");
  }

  @Test
  void a_gap_step_names_its_recorded_pause() {
    assertThat(StepNames.describe(new Step.Gap(Duration.ofMillis(1200)), Bindings.NONE))
        .isEqualTo("gap 1200ms, a recorded pause");
    assertThat(StepNames.describe(new Step.Gap(Duration.ofSeconds(2)), Bindings.NONE))
        .isEqualTo("gap 2s, a recorded pause");
  }
}

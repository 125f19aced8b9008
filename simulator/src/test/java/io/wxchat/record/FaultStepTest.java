package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioException;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.Step;
import io.wxchat.scenario.WireFault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fault step and the --fault text are one model, with clear errors. */
class FaultStepTest {
  private static Scenario parse(String step) {
    return ScenarioFiles.parse("""
        id: demo.1.1
        title: t
        expectation: e
        rules: [T1]
        steps:
          - connect: alice
        """ + "  - " + step + "\n", "demo.yaml");
  }

  @Test
  void a_fault_step_reads_like_the_cli_and_round_trips() {
    // when
    Scenario scenario = parse("fault: {between: alice, latency: 300ms, dropAfter: 10, halfOpen: true}");
    // then
    Step.Fault fault = (Step.Fault) scenario.steps().get(1);
    assertThat(fault.between()).isEqualTo("alice");
    assertThat(fault.fault()).isEqualTo(WireFault.parse("latency=300ms,drop-after=10,half-open"));
    assertThat(fault.fault().latencyToClient()).isEqualTo(Duration.ofMillis(300));
    assertThat(ScenarioFiles.parse(ScenarioFiles.toYaml(scenario), "again")).isEqualTo(scenario);
    assertThat(ScenarioFiles.toYaml(scenario)).contains("fault:\n    between: alice\n    latency: 300ms\n    dropAfter: 10\n"
        + "    halfOpen: true");
  }

  @Test
  void clear_and_reset_are_actions_of_the_step() {
    Step.Fault fault = (Step.Fault) parse("fault: {between: bob, reset: true, clear: true}").steps().get(1);

    assertThat(fault.reset()).isTrue();
    assertThat(fault.clear()).isTrue();
    assertThat(fault.fault()).isEqualTo(WireFault.NONE);
  }

  @Test
  void an_unknown_fault_in_a_file_names_the_line_and_the_choices() {
    assertThatThrownBy(() -> parse("fault: {between: alice, lag: 5}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("demo.yaml:7: at /steps/1: unknown fault \"lag\"; expected one of [between, clear, reset,"
            + " latency, latencyToServer, latencyToClient, jitter, bandwidth, slice, dropAfter, resetAfter, halfOpen,"
            + " blackholeServerToClient, blackholeClientToServer]");
  }

  @Test
  void cli_faults_parse_every_mode_and_print_back() {
    WireFault fault = WireFault.parse("latency=200ms,jitter=50ms,bandwidth=1KB/s,slice=1,drop-after=10,reset-after=5s,"
        + "half-open,blackhole-server-to-client");

    assertThat(fault.bytesPerSecond()).isEqualTo(1024);
    assertThat(fault.resetAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(WireFault.parse(fault.toString())).isEqualTo(fault);
  }

  @Test
  void a_bad_value_says_how_to_write_it() {
    assertThatThrownBy(() -> WireFault.parse("bandwidth=fast")).hasMessage(
        "fault bandwidth: write it like 1KB/s, 500B/s or 2MB/s: \"fast\"");
    assertThatThrownBy(() -> WireFault.parse("slice=0")).hasMessage(
        "fault slice: expected a whole number of at least 1: \"0\"");
  }
}

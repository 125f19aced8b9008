package io.wxchat.gatling;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What can be checked without a Gatling run (building the DSL needs Gatling's configuration, so the
 * chains themselves are exercised by SmokeSimulation in every verify).
 */
class BadLoadInputTest {
  @AfterEach
  void forget_the_properties() {
    System.clearProperty("users");
    System.clearProperty("ramp");
  }

  @Test
  void a_conformance_only_file_is_refused_with_its_reason() {
    // given
    Scenario raw = Scenario.builder("robustness.2.1").title("t").expectation("e")
        .steps(Steps.connectRaw("alice"), Steps.sendRaw("alice", "81 82")).build();
    // when / then
    assertThatThrownBy(() -> ScenarioChain.of(raw, () -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("robustness.2.1 is conformance only: a raw connection (bytes outside WebSocket framing)"
            + " (wxchat-sim list --load shows which files can load)");
  }

  @Test
  void a_property_that_does_not_parse_names_itself_and_what_it_takes() {
    // given
    System.setProperty("users", "lots");
    System.setProperty("ramp", "soon");
    // when / then
    assertThatThrownBy(() -> LoadSettings.users(10)).hasMessage("-Dusers: must be a whole number of at least 1: lots");
    assertThatThrownBy(() -> LoadSettings.ramp(Duration.ZERO))
        .hasMessage("-Dramp: not a duration: \"soon\"; write it like 500ms, 2s, 1.5s or 1m");
  }
}

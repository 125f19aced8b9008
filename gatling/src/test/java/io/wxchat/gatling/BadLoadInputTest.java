package io.wxchat.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.Step;
import io.wxchat.scenario.Steps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked without a Gatling run (building the DSL needs Gatling's configuration, so the
 * chains themselves are exercised by SmokeSimulation in every verify).
 */
class BadLoadInputTest {
  /** A variable no environment sets. */
  private static final String VARIABLE = "WXCHAT_LOAD_TEST_TOKEN";

  @TempDir
  Path dir;

  @Test
  void a_recorded_variable_without_a_value_stops_the_run_with_the_file_and_the_property_to_set() throws Exception {
    // given
    Path file = recordingWithVariable();
    List<Scenario> recorded = ScenarioFiles.loadAll(dir);
    // when / then
    assertThatThrownBy(() -> ScenarioLoad.filled(recorded, dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": {" + VARIABLE + "} needs a value; run with -Dvar." + VARIABLE + "=VALUE or set the"
            + " environment variable " + VARIABLE);
  }

  @Test
  void a_recorded_variable_takes_its_value_from_a_var_property() throws Exception {
    // given
    recordingWithVariable();
    System.setProperty("var." + VARIABLE, "s3cret");
    // when
    List<Scenario> filled = ScenarioLoad.filled(ScenarioFiles.loadAll(dir), dir);
    // then
    assertThat(((Step.Connect) filled.get(0).steps().get(0)).path()).isEqualTo("/?token=s3cret");
  }

  private Path recordingWithVariable() throws Exception {
    return Files.writeString(dir.resolve("secret.yaml"), """
        id: recorded.secret
        title: A recording with a token
        expectation: alice connects with her token and greets
        rules: [C2]
        steps:
          - connect: {client: alice, path: "/?token={%s}"}
          - send: {client: alice, text: 你好}
        """.formatted(VARIABLE));
  }
  @AfterEach
  void forget_the_properties() {
    for (String name : new String[] {"users", "ramp", "target", "serverCmd", "serverPort", "operator", "operatorToken",
        "var." + VARIABLE}) {
      System.clearProperty(name);
    }
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

  @Test
  void a_running_server_and_a_launched_one_at_once_is_refused() {
    // given
    System.setProperty("target", "ws://127.0.0.1:1/");
    System.setProperty("serverCmd", "node server.js --port {port}");
    // when / then
    assertThatThrownBy(LoadTarget::fromProperties).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dtarget and -DserverCmd both name a server; give one of them"
            + " (-Dtarget for a running server, -DserverCmd to launch one for the run)");
  }

  @Test
  void the_stdin_operator_needs_a_launched_server() {
    // given
    System.setProperty("target", "ws://127.0.0.1:1/");
    System.setProperty("operator", "stdin");
    // when / then
    assertThatThrownBy(LoadTarget::fromProperties).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Doperator goes with -DserverCmd (-Doperator=stdin: the launched server's stdin is the operator);"
            + " a -Dtarget server's operator is its channel, given by -DoperatorToken=T");
  }

  @Test
  void launch_properties_that_do_not_parse_stop_before_anything_is_launched() {
    // given
    System.setProperty("serverCmd", "node server.js --port {port}");
    System.setProperty("serverPort", "http");
    // when / then
    assertThatThrownBy(LoadTarget::fromProperties)
        .hasMessage("-DserverPort: must be a port in [0, 65535] (0: a free one, passed as {port}): http");
    // given
    System.setProperty("serverPort", "0");
    System.setProperty("operator", "console");
    // when / then
    assertThatThrownBy(LoadTarget::fromProperties)
        .hasMessage("-Doperator: unknown operator driver \"console\"; expected one of [stdin, channel, none]");
    // given
    System.setProperty("operator", "channel");
    // when / then
    assertThatThrownBy(LoadTarget::fromProperties)
        .hasMessage("-Doperator=channel needs -DoperatorToken=T, the launched server's channel token");
  }
}

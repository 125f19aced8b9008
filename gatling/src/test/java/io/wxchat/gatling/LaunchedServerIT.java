package io.wxchat.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party server launched by the simulation ({@code -DserverCmd}), its operator on its stdin:
 * the Node test server of the simulator's ITs, as {@code wxchat-sim run --server-cmd} drives it.
 */
class LaunchedServerIT {
  private static final Path NODE_SERVER = Path.of(System.getProperty("node.server.dir", "../simulator/src/test/node/chat-server"))
      .toAbsolutePath().normalize();
  private static final Duration BOUND = Duration.ofSeconds(90);

  @BeforeAll
  static void the_node_server_is_installed() {
    assertThat(NODE_SERVER.resolve("node_modules/ws"))
        .as("the Node test server's packages: npm ci in %s (the simulator's pre-integration-test does it)", NODE_SERVER)
        .isDirectory();
  }

  @Test
  void every_line_typed_on_the_launched_servers_stdin_reaches_every_client_exactly_once(@TempDir Path dir)
      throws Exception {
    // given the Node server launched on a free port, its console (stdin) as the operator
    Map<String, String> properties = Map.of(
        "serverCmd", "node server.js --port {port}", "serverDir", NODE_SERVER.toString(),
        "users", "20", "pushes", "3", "ramp", "1s", "gap", "200ms", "p99", "5s");
    // when the fan-out runs
    ForkedGatling run = ForkedGatling.run(OperatorFanOutSimulation.class, properties, dir, BOUND);
    // then every assertion holds: 60 deliveries, none failed (missing, repeated or malformed)
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.stdout()).as(run.output())
        .contains("push delivered: count of successful events is 60.0 : true")
        .contains("push delivered: count of failed events is 0.0 : true")
        .doesNotContain("operator push acknowledged");
    assertThat(Files.list(dir.resolve("results")).count()).as("one run's results folder").isEqualTo(1);
  }

  @Test
  void a_server_command_that_does_not_start_is_one_line_and_exit_3_before_any_user(@TempDir Path dir)
      throws Exception {
    // given a command that is not there
    Map<String, String> properties = Map.of("serverCmd", "no-such-chat-server --port {port}", "users", "5");
    // when the fan-out is asked to run on it
    ForkedGatling run = ForkedGatling.run(OperatorFanOutSimulation.class, properties, dir, BOUND);
    // then it stops with the harness's "unreachable", says why in one line, and injects no user
    assertThat(run.exitCode()).as(run.output()).isEqualTo(Abort.UNREACHABLE);
    assertThat(run.stderr().lines().filter(line -> line.startsWith("wxchat-gatling: ")).toList()).as(run.output())
        .singleElement().asString()
        .matches("wxchat-gatling: -DserverCmd: \"no-such-chat-server --port \\d+\" exited with code 127 before port"
            + " \\d+ accepted connections; its output:");
    assertThat(run.stderr()).as(run.output()).contains("no-such-chat-server: not found").doesNotContain("Exception");
    assertThat(run.stdout()).as(run.output()).doesNotContain("started");
  }
}

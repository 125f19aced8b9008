package io.wxchat.gatling;

import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.Lease;
import io.wxchat.targets.OperatorDriver;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.TargetUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server of {@code -DserverCmd}, launched for the run by the simulator's {@link LaunchedTarget}
 * (the same launch, port handling, readiness probe and stop as {@code wxchat-sim run --server-cmd}),
 * its operator on its stdin unless {@code -Doperator} says otherwise:
 * {@code LaunchedServer.start("node server.js --port {port}", Profile.OPERATOR)}.
 */
final class LaunchedServer implements AutoCloseable {
  /** The lease asks for a case: this one needs nothing, so it gets the one process started for the run. */
  private static final Scenario RUN = Scenario.builder("load.run").title("the load run")
      .expectation("the launched server serves it").steps(new Step.Wait(Duration.ZERO)).build();

  private final LaunchedTarget target;
  private final Lease lease;
  private final String command;
  private final OperatorMode mode;
  private final Optional<String> token;

  private LaunchedServer(LaunchedTarget target, Lease lease, String command, OperatorMode mode, Optional<String> token) {
    this.target = target;
    this.lease = lease;
    this.command = command;
    this.mode = mode;
    this.token = token;
  }

  /** Launches {@code command} and waits until it accepts WebSocket upgrades; a server that does not is one line. */
  static LaunchedServer start(String command, Profile profile) throws IOException, InterruptedException {
    int port = LoadSettings.serverPort();
    OperatorMode mode = LoadSettings.operator().orElse(profile == Profile.ECHO ? OperatorMode.NONE : OperatorMode.STDIN);
    Optional<String> token = LoadSettings.operatorToken();
    if (mode == OperatorMode.CHANNEL && token.isEmpty()) {
      throw new IllegalArgumentException("-Doperator=channel needs -DoperatorToken=T, the launched server's channel token");
    }
    // a relative command or folder means the same as where ./mvnw was typed: the project root
    LaunchedTarget target = new LaunchedTarget(command, LoadSettings.serverDir().or(Project::root).orElse(null),
        port, mode, token.orElse(null), null);
    Abort.closeOnExit(target);
    try {
      target.start();
      return new LaunchedServer(target, target.lease(RUN), command, mode, token);
    } catch (TargetUnreachableException e) {
      target.close();
      throw new TargetUnreachableException("-DserverCmd: " + portHint(e.getMessage(), port), e);
    }
  }

  URI uri() {
    return lease.uri();
  }

  /** The launched server's operator channel, with {@code -Doperator=channel}. */
  Optional<URI> channel() {
    return mode != OperatorMode.CHANNEL ? Optional.empty() : token.map(t -> lease.uri()
        .resolve("/operator?token=" + URLEncoder.encode(t, StandardCharsets.UTF_8)));
  }

  /** The launched server's stdin, with {@code -Doperator=stdin} (the default). */
  Optional<OperatorDriver> console() {
    return mode == OperatorMode.STDIN ? lease.operator() : Optional.empty();
  }

  String describe() {
    return "launched \"" + command + "\" at " + lease.uri() + (mode == OperatorMode.STDIN ? ", operator on its stdin"
        : mode == OperatorMode.CHANNEL ? ", operator on its channel" : ", no operator");
  }

  /** One line if the server died during the run (its clients failed for that reason), with its last output. */
  void reportCrash() {
    lease.crash().ifPresent(how -> {
      List<String> lines = lease.log().lines().toList();
      System.err.println("wxchat-gatling: the launched server \"" + command + "\" " + how + " during the run; its last output:");
      lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(line -> System.err.println("  " + line));
    });
  }

  @Override
  public void close() {
    target.close();
  }

  /** The simulator's readiness message names its CLI option; here the port is a property. */
  private static String portHint(String message, int port) {
    return message.replace("(is --port-ready right?)", port == 0
        ? "(does -DserverCmd pass {port} or $PORT to the server?)" : "(is -DserverPort right?)");
  }
}

package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A server that is not ours, written from docs/PROTOCOL.md in Node, launched by command. */
class NodeServerConformanceIT {
  @TempDir
  Path reports;

  @ParameterizedTest
  @EnumSource(Profile.class)
  void a_correct_third_party_server_passes_every_case(Profile profile) throws Exception {
    RunResult run = Suites.run(Suites.nodeServer(profile, null), profile, true, reports);

    TargetResult target = run.targets().get(0);
    assertThat(target.count(Verdict.PASSED) + target.count(Verdict.INFORMATIONAL))
        .as(Suites.problems(run)).isEqualTo(target.cases().size());
  }

  @Test
  void on_a_fixed_port_the_server_is_restarted_for_each_case_that_needs_it_fresh() throws Exception {
    // a command that cannot be told its port is run on the port it insists on: here a free one
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    LaunchedTarget fixed = new LaunchedTarget("node server.js --port " + port, Suites.nodeServerDir(), port,
        OperatorMode.STDIN, null, "node-fixed-port");

    RunResult run = Suites.run(fixed, Profile.OPERATOR, true, reports);

    TargetResult target = run.targets().get(0);
    assertThat(target.count(Verdict.PASSED) + target.count(Verdict.INFORMATIONAL))
        .as(Suites.problems(run)).isEqualTo(target.cases().size());
  }
}

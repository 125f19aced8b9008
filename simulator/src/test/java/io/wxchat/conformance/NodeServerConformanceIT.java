package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import java.nio.file.Path;
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
}

package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import io.wxchat.targets.EmbeddedTarget;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReferenceConformanceIT {
  @TempDir
  Path reports;

  @ParameterizedTest
  @EnumSource(Profile.class)
  void the_reference_server_passes_every_case_of_its_profile(Profile profile) throws Exception {
    RunResult run = Suites.run(new EmbeddedTarget(profile), profile, true, reports);

    TargetResult target = run.targets().get(0);
    assertThat(target.cases()).as("cases of the %s profile", profile).hasSizeGreaterThan(10);
    assertThat(target.count(Verdict.PASSED) + target.count(Verdict.INFORMATIONAL))
        .as(Suites.problems(run)).isEqualTo(target.cases().size());
  }
}

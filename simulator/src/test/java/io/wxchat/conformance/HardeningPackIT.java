package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import io.wxchat.targets.EmbeddedTarget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference server holds against its own hardening pack, and the default run leaves the pack out. */
class HardeningPackIT {
  @TempDir
  Path reports;

  @Test
  void the_reference_server_passes_the_hardening_pack() throws Exception {
    // given
    RunOptions options = new RunOptions(Profile.OPERATOR, 2, true, reports);
    // when
    RunResult run = new ConformanceRunner(options).run(List.of(new EmbeddedTarget(Profile.OPERATOR)),
        Suites.suite("hardening"), Progress.SILENT);
    // then: no other client missed a reply, and every attacker was dealt with
    TargetResult target = run.targets().get(0);
    assertThat(target.cases()).hasSize(9);
    assertThat(target.count(Verdict.FAILED)).as(Suites.problems(run)).isZero();
    for (CaseResult result : target.cases()) {
      if (result.verdict() == Verdict.INFORMATIONAL) {
        assertThat(result.notes().get(0)).as(result.id()).startsWith("informational; judged it would be PASSED");
      } else {
        // a canary slower than 1 s is NON_STRICT; on a machine shared with other builds that can happen
        assertThat(result.verdict()).as(result.id() + " " + result.notes()).isIn(Verdict.PASSED, Verdict.NON_STRICT);
      }
    }
    System.out.println("hardening pack: " + Suites.problems(run));
  }

  @Test
  void the_default_run_leaves_the_hardening_pack_out() {
    assertThat(Suites.all()).isNotEmpty().noneMatch(s -> s.suite().equals("hardening"));
    assertThat(Suites.suite("hardening")).allMatch(s -> s.tags().contains("hardening"));
  }
}

package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Failure;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.targets.EmbeddedTarget;
import io.wxchat.targets.Target;
import io.wxchat.targets.UrlTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A timing confirmed by a rerun says where it ran again: on a fresh server only where one was started. */
class RerunsTest {
  private static final Scenario CONNECTS = Scenario.builder("timing.1.1").title("connects").expectation("connects")
      .profiles(Profile.OPERATOR).steps(Steps.connect("alice")).build();

  @TempDir
  Path reports;

  @Test
  void a_timing_rerun_on_a_url_target_says_alone_not_on_a_fresh_server() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start()) {
      Target target = new UrlTarget(server.uri(), null);
      target.start();

      CaseResult rerun = confirm(target);

      assertThat(rerun.rerun()).startsWith("to confirm a timing, alone; the first run, beside other cases, was ")
          .doesNotContain("fresh");
    }
  }

  @Test
  void a_timing_rerun_on_a_target_that_starts_servers_says_alone_on_a_fresh_server() throws Exception {
    try (Target target = new EmbeddedTarget(Profile.OPERATOR)) {
      target.start();

      CaseResult rerun = confirm(target);

      assertThat(rerun.rerun()).startsWith("to confirm a timing, alone on a fresh server; the first run, beside"
          + " other cases, was ");
    }
  }

  /** A first run that was late beside other cases, settled by its rerun (which passes). */
  private CaseResult confirm(Target target) throws InterruptedException {
    CaseRunner runner = new CaseRunner(target, reports);
    Failure late = new Failure(Failure.Kind.LATE, "step 1 (connect, client alice)", "no handshake", "a 101",
        List.of(), 5_000, List.of(), "");
    CaseResult first = new CaseResult(CONNECTS, target.name(), Verdict.FAILED, 1, Optional.of(late), List.of(),
        List.of(), "", "", true);
    List<CaseResult> settled = new Reruns(runner, 1, target.startsAlone())
        .settle(List.of(new Attempt(first, Optional.empty(), false)));
    assertThat(settled).hasSize(1);
    assertThat(settled.get(0).verdict()).as(settled.get(0).failure()).isEqualTo(Verdict.PASSED);
    return settled.get(0);
  }
}

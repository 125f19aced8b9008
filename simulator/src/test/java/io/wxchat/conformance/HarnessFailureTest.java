package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import io.wxchat.targets.EmbeddedTarget;
import io.wxchat.targets.Lease;
import io.wxchat.targets.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case whose run throws on a background thread is that case's FAILED verdict; the others are judged. */
class HarnessFailureTest {
  @TempDir
  Path reports;

  @Test
  void a_case_that_throws_in_the_harness_is_failed_and_the_run_judges_the_rest() throws Exception {
    Scenario fine = Scenario.builder("fine.1.1").title("connects").expectation("connects")
        .profiles(Profile.OPERATOR).steps(Steps.connect("alice")).build();
    Scenario broken = Scenario.builder("broken.1.1").title("connects").expectation("connects")
        .profiles(Profile.OPERATOR).steps(Steps.connect("alice")).build();
    try (Target target = new Throwing(new EmbeddedTarget(Profile.OPERATOR), "broken.1.1")) {
      // when
      RunResult run = new ConformanceRunner(new RunOptions(Profile.OPERATOR, 2, false, reports))
          .run(List.of(target), List.of(fine, broken), Progress.SILENT);

      // then
      List<CaseResult> cases = run.targets().get(0).cases();
      assertThat(cases).extracting(CaseResult::id).containsExactly("fine.1.1", "broken.1.1");
      assertThat(cases.get(0).verdict()).as(cases.get(0).failure()).isEqualTo(Verdict.PASSED);
      assertThat(cases.get(1).verdict()).isEqualTo(Verdict.FAILED);
      assertThat(cases.get(1).failure()).contains("the harness hit java.lang.IllegalStateException: lease broke"
          + " (a bug in the simulator; please report it)");
    }
  }

  /** A target whose lease throws an unchecked exception for one case. */
  private record Throwing(Target inner, String caseId) implements Target {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public String describe() {
      return inner.describe();
    }

    @Override
    public void start() throws IOException, InterruptedException {
      inner.start();
    }

    @Override
    public boolean spawnsFresh() {
      return inner.spawnsFresh();
    }

    @Override
    public Optional<String> cannotRun(Scenario scenario) {
      return inner.cannotRun(scenario);
    }

    @Override
    public Lease lease(Scenario scenario) throws IOException, InterruptedException {
      if (scenario.id().equals(caseId)) {
        throw new IllegalStateException("lease broke");
      }
      return inner.lease(scenario);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}

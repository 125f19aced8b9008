package io.wxchat.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.RunOptions;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import io.wxchat.targets.Lease;
import io.wxchat.targets.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundRunTest {
  @TempDir
  Path reports;

  /** A target whose every lease fails with an Error, as a broken harness or a JVM in trouble would. */
  private static final class FailingTarget implements Target {
    @Override
    public String name() {
      return "failing";
    }

    @Override
    public String describe() {
      return "a target whose leases throw an Error";
    }

    @Override
    public void start() {
    }

    @Override
    public boolean spawnsFresh() {
      return false;
    }

    @Override
    public Optional<String> cannotRun(Scenario scenario) {
      return Optional.empty();
    }

    @Override
    public Lease lease(Scenario scenario) {
      throw new AssertionError("lease broke");
    }

    @Override
    public void close() {
    }
  }

  @Test
  void an_error_in_the_run_fails_every_waiting_case_at_once_not_after_the_suites_bound() throws Exception {
    // given: two cases whose bound together is over two minutes
    Scenario one = Scenario.builder("operator.9.1").title("one").expectation("e").rules("C2")
        .steps(Steps.connect("alice")).build();
    Scenario two = Scenario.builder("operator.9.2").title("two").expectation("e").rules("C2")
        .steps(Steps.connect("bob")).build();
    try (BackgroundRun run = new BackgroundRun(new FailingTarget(), List.of(one, two),
        new RunOptions(Profile.OPERATOR, 2, false, reports), result -> result)) {
      // when
      CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> outcome(run, one));
      CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> outcome(run, two));
      // then: each wait ends within seconds with the reason, not after the suite's bound
      assertThat(first.get(20, TimeUnit.SECONDS)).asString().contains("lease broke");
      assertThat(second.get(20, TimeUnit.SECONDS)).asString().contains("lease broke");
    }
  }

  private static Object outcome(BackgroundRun run, Scenario scenario) {
    try {
      return run.await(scenario);
    } catch (Exception e) {
      return e;
    }
  }
}

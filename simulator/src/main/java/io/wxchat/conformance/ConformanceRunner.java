package io.wxchat.conformance;

import io.wxchat.conformance.internal.CaseRunner;
import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import io.wxchat.targets.Target;
import io.wxchat.targets.TargetUnreachableException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs scenarios against targets and grades each case.
 *
 * <pre>{@code
 * RunResult run = new ConformanceRunner(RunOptions.defaults()).run(List.of(new EmbeddedTarget(Profile.OPERATOR)),
 *     ScenarioFiles.loadAll(Path.of("scenarios")), Progress.SILENT);
 * }</pre>
 */
public final class ConformanceRunner {
  private final RunOptions options;

  public ConformanceRunner(RunOptions options) {
    this.options = options;
  }

  /**
   * Runs every scenario of the options' profile against each target in turn.
   *
   * @throws TargetUnreachableException when a target cannot be reached or started at all
   */
  public RunResult run(List<Target> targets, List<Scenario> scenarios, Progress progress)
      throws TargetUnreachableException, InterruptedException {
    Instant started = Instant.now();
    List<TargetResult> results = new ArrayList<>();
    for (Target target : targets) {
      results.add(run(target, scenarios, progress));
    }
    return new RunResult(results, started, Instant.now(), options.strict());
  }

  private TargetResult run(Target target, List<Scenario> scenarios, Progress progress)
      throws TargetUnreachableException, InterruptedException {
    List<Scenario> cases = scenarios.stream().filter(s -> s.appliesTo(options.profile())).toList();
    progress.targetStarted(target.name(), target.describe(), cases.size());
    try {
      target.start();
    } catch (TargetUnreachableException e) {
      throw e;
    } catch (IOException e) {
      throw new TargetUnreachableException(target.describe() + ": " + e.getMessage(), e);
    }
    try {
      CaseRunner runner = new CaseRunner(target, options.reportDir(), options.trust());
      List<CaseResult> done = new ArrayList<>();
      if (target.spawnsFresh()) {
        done.addAll(parallel(runner, cases, progress));
      } else {
        // one server at a time: first everything that leaves it offline, then the operator cases in turn
        done.addAll(parallel(runner, cases.stream().filter(s -> !fresh(s)).toList(), progress));
        for (Scenario scenario : cases.stream().filter(ConformanceRunner::fresh).toList()) {
          CaseResult result = runner.run(scenario);
          progress.caseFinished(result);
          done.add(result);
        }
      }
      List<CaseResult> ordered = done.stream().sorted(Comparator.comparingInt(r -> cases.indexOf(r.scenario()))).toList();
      TargetResult result = new TargetResult(target.name(), target.describe(), options.profile().id(), ordered, "");
      progress.targetFinished(result);
      return result;
    } finally {
      target.close();
    }
  }

  private List<CaseResult> parallel(CaseRunner runner, List<Scenario> cases, Progress progress)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(options.parallel(), r -> {
      Thread thread = new Thread(r, "case");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<CaseResult>> futures = new ArrayList<>();
      for (Scenario scenario : cases) {
        futures.add(pool.submit(() -> {
          CaseResult result = runner.run(scenario);
          progress.caseFinished(result);
          return result;
        }));
      }
      List<CaseResult> results = new ArrayList<>();
      for (Future<CaseResult> future : futures) {
        try {
          results.add(future.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a case crashed the runner: " + e.getCause(), e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean fresh(Scenario scenario) {
    return scenario.needs(Requirement.FRESH) || scenario.needs(Requirement.OPERATOR);
  }
}

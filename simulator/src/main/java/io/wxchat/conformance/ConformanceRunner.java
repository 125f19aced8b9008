package io.wxchat.conformance;

import io.wxchat.conformance.internal.Attempt;
import io.wxchat.conformance.internal.CaseRunner;
import io.wxchat.conformance.internal.LatenessProbe;
import io.wxchat.conformance.internal.Reruns;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Runs scenarios against targets and grades each case.
 *
 * <pre>{@code
 * RunResult run = new ConformanceRunner(RunOptions.defaults()).run(List.of(new EmbeddedTarget(Profile.OPERATOR)),
 *     ScenarioFiles.loadAll(Path.of("scenarios")), Progress.SILENT);
 * }</pre>
 *
 * <p>What the harness puts on one server is bounded: at most {@link #PER_INSTANCE} cases at once
 * share one server instance (cases that need a fresh server get their own, up to
 * {@link RunOptions#parallel()} in all), cases that require {@code isolated} run alone after the
 * rest, and a verdict that rests on time alone, or that a crash of a shared server may have caused,
 * is settled by running the case again alone on a fresh server (see {@link CaseResult#rerun()}).
 */
public final class ConformanceRunner {
  /** Cases at once on one server instance: 32 on 2 cores measured the harness, not the server. */
  public static final int PER_INSTANCE = 8;
  /** Reruns at once, each alone on a fresh server: few enough that the machine stays quiet for them. */
  static final int RERUNS_AT_ONCE = 2;

  private final RunOptions options;
  private final Set<CaseRunner> runners = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  public ConformanceRunner(RunOptions options) {
    this.options = options;
  }

  /**
   * Ends the run from another thread (e.g. {@code --max-run-time}): the cases running now are stopped,
   * whether they run side by side or one after another, none starts after them, and {@link #run}
   * throws {@link InterruptedException} once they have ended. What was reported to its
   * {@link Progress} before is what was judged; the stopped cases are not reported.
   */
  public void stop() {
    stopped = true;
    runners.forEach(CaseRunner::stop);
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
      throwIfStopped();
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
    try (LatenessProbe probe = LatenessProbe.start()) {
      CaseRunner runner = new CaseRunner(target, options.reportDir(), options.trust());
      runners.add(runner);
      if (stopped) { // after add: a stop() that missed it in the set is seen here
        runner.stop();
      }
      try {
        return run(runner, target, cases, probe, progress);
      } finally {
        runners.remove(runner);
      }
    } finally {
      target.close();
    }
  }

  private TargetResult run(CaseRunner runner, Target target, List<Scenario> cases, LatenessProbe probe,
                           Progress progress) throws InterruptedException {
    // reruns run alone on their own server, a few at a time where each gets its own process
    Reruns reruns = new Reruns(runner, target.spawnsFresh() ? RERUNS_AT_ONCE : 1, target.startsAlone());
    List<CaseResult> results = new ArrayList<>();
    List<Scenario> together = cases.stream().filter(s -> !s.needs(Requirement.ISOLATED)).toList();
    if (target.spawnsFresh()) {
      results.addAll(settle(reruns, parallel(runner, together, progress), progress));
    } else {
      // one server at a time: first everything that leaves it offline (with its reruns, while it is
      // still offline), then the operator cases in turn
      results.addAll(settle(reruns, parallel(runner, together.stream().filter(s -> !fresh(s)).toList(), progress),
          progress));
      List<Attempt> operated = new ArrayList<>();
      for (Scenario scenario : together.stream().filter(ConformanceRunner::fresh).toList()) {
        operated.add(finished(runner.attempt(scenario, false), progress));
        throwIfStopped();
      }
      results.addAll(settle(reruns, operated, progress));
    }
    List<Attempt> isolated = new ArrayList<>();
    for (Scenario scenario : cases.stream().filter(s -> s.needs(Requirement.ISOLATED)).toList()) {
      isolated.add(finished(runner.attempt(scenario, false), progress)); // alone, after the rest
      throwIfStopped();
    }
    results.addAll(settle(reruns, isolated, progress));
    List<CaseResult> ordered = results.stream().sorted(Comparator.comparingInt(r -> cases.indexOf(r.scenario())))
        .toList();
    TargetResult result = new TargetResult(target.name(), target.describe(), options.profile().id(), ordered, "",
        probe.worstNanos());
    progress.targetFinished(result);
    return result;
  }

  private void throwIfStopped() throws InterruptedException {
    if (stopped) {
      throw new InterruptedException("the run was stopped");
    }
  }

  /** The results of {@code attempts}: the settled ones as they are, the others after their rerun. */
  private List<CaseResult> settle(Reruns reruns, List<Attempt> attempts, Progress progress)
      throws InterruptedException {
    throwIfStopped();
    List<CaseResult> results = new ArrayList<>(attempts.stream().filter(Reruns::settled).map(Attempt::result).toList());
    List<CaseResult> settled = reruns.settle(attempts.stream().filter(a -> !Reruns.settled(a)).toList());
    throwIfStopped(); // a rerun that was stopped is no verdict
    for (CaseResult result : settled) {
      progress.caseFinished(result);
      results.add(result);
    }
    return results;
  }

  /** Reports a settled attempt at once; the others wait for their rerun. A stopped run reports nothing more. */
  private Attempt finished(Attempt attempt, Progress progress) {
    if (Reruns.settled(attempt) && !stopped) {
      progress.caseFinished(attempt.result());
    }
    return attempt;
  }

  private List<Attempt> parallel(CaseRunner runner, List<Scenario> cases, Progress progress)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(options.parallel(), r -> {
      Thread thread = new Thread(r, "case");
      thread.setDaemon(true);
      return thread;
    });
    Semaphore shared = new Semaphore(Math.min(PER_INSTANCE, options.parallel()));
    try {
      List<Future<Attempt>> futures = new ArrayList<>();
      for (Scenario scenario : cases) {
        boolean own = fresh(scenario);
        futures.add(pool.submit(() -> {
          if (!own) {
            shared.acquire();
          }
          try {
            return finished(runner.attempt(scenario, false), progress);
          } finally {
            if (!own) {
              shared.release();
            }
          }
        }));
      }
      List<Attempt> results = new ArrayList<>();
      for (Future<Attempt> future : futures) {
        try {
          results.add(future.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a case crashed the runner: " + e.getCause(), e.getCause());
        }
      }
      throwIfStopped();
      return results;
    } finally {
      pool.shutdownNow();
      awaitCases(pool);
    }
  }

  /** A stopped run returns only once its cases have stopped too: none may still write into the reports. */
  private static void awaitCases(ExecutorService pool) {
    try {
      pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean fresh(Scenario scenario) {
    return scenario.needs(Requirement.FRESH) || scenario.needs(Requirement.OPERATOR);
  }
}

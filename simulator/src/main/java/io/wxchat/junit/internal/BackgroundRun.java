package io.wxchat.junit.internal;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.ConformanceRunner;
import io.wxchat.conformance.Progress;
import io.wxchat.conformance.RunOptions;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.TargetResult;
import io.wxchat.report.ReportWriter;
import io.wxchat.scenario.Scenario;
import io.wxchat.targets.Target;
import io.wxchat.targets.TargetUnreachableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The whole suite run once, in parallel as the CLI runs it, on a background thread that starts when
 * the first JUnit test asks for its case; each test waits for its own case. On close the reports
 * the CLI writes are written, of every case that finished.
 */
public final class BackgroundRun implements AutoCloseable {
  private final Target target;
  private final List<Scenario> cases;
  private final RunOptions options;
  private final UnaryOperator<CaseResult> shown;
  private final Map<String, CompletableFuture<CaseResult>> results;
  private final List<CaseResult> finished = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final Instant created = Instant.now();
  private final ConformanceRunner runner;
  private volatile Thread thread;
  private volatile String stoppedBecause = "";

  /** {@code shown} is a result as tests and reports show it (the variables' values written back as names). */
  public BackgroundRun(Target target, List<Scenario> cases, RunOptions options, UnaryOperator<CaseResult> shown) {
    this.target = target;
    this.cases = cases;
    this.options = options;
    this.shown = shown;
    this.runner = new ConformanceRunner(options);
    this.results = cases.stream().collect(Collectors.toMap(Scenario::id, s -> new CompletableFuture<>(),
        (a, b) -> a, ConcurrentHashMap::new));
  }

  private volatile boolean closing;

  /** The result of {@code scenario}, starting the run on first use; waits at most as long as the whole suite may take. */
  public CaseResult await(Scenario scenario) throws InterruptedException, TimeoutException {
    start();
    try {
      return results.get(scenario.id()).get(bound().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  private synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::runAll, "wxchat-conformance");
    thread.setDaemon(true);
    thread.start();
  }

  private void runAll() {
    Progress progress = new Progress() {
      @Override
      public void caseFinished(CaseResult ran) {
        CaseResult result = shown.apply(ran);
        if (closing) {
          return; // JUnit is done with the report folder
        }
        finished.add(result);
        try {
          ReportWriter.writeTranscript(result, options.reportDir()); // the failure message points there
        } catch (IOException e) {
          // close() writes every report again and says why it cannot
        }
        results.get(result.id()).complete(result);
      }
    };
    try {
      runner.run(List.of(target), cases, progress);
    } catch (InterruptedException e) {
      stoppedBecause = "stopped before every case ran";
      failRemaining(new IllegalStateException("the run was stopped before this case ran"));
    } catch (TargetUnreachableException e) {
      stoppedBecause = "target unreachable: " + e.getMessage();
      failRemaining(new IllegalStateException(stoppedBecause, e));
    } catch (RuntimeException | Error e) { // an Error too: no test may wait out its bound for nothing
      stoppedBecause = "the run stopped: " + e;
      failRemaining(new IllegalStateException(stoppedBecause, e));
    } finally {
      // a case the run ended without reporting fails now, not after the whole suite's bound
      failRemaining(new IllegalStateException("the run ended without judging this case"
          + (stoppedBecause.isEmpty() ? " (a bug in the simulator; please report it)" : ": " + stoppedBecause)));
      done.complete(null);
    }
  }

  /** Fails every case not judged yet; the judged ones keep their result. */
  private void failRemaining(Throwable why) {
    results.values().forEach(f -> f.completeExceptionally(why));
  }

  private Duration bound() {
    // the cases of a target that cannot spawn fresh servers run one after another in the worst case
    return cases.stream().map(Scenario::timeout).reduce(Duration.ofSeconds(60), Duration::plus);
  }

  /** Stops what still runs (when JUnit ran only some tests) and writes the reports of what finished. */
  @Override
  public void close() {
    Thread running = thread;
    if (running == null) {
      target.close();
      return;
    }
    if (results.values().stream().anyMatch(f -> !f.isDone())) {
      runner.stop(); // the cases still running end, none starts
      running.interrupt();
    }
    try {
      done.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // write what there is
    }
    closing = true;
    List<String> ids = cases.stream().map(Scenario::id).toList();
    Function<CaseResult, Integer> order = r -> ids.indexOf(r.id());
    List<CaseResult> sorted = finished.stream().sorted(java.util.Comparator.comparing(order)).toList();
    TargetResult result = new TargetResult(target.name(), target.describe(), options.profile().id(), sorted,
        stoppedBecause);
    try {
      ReportWriter.write(new RunResult(List.of(result), created, Instant.now(), options.strict()), options.reportDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports to " + options.reportDir() + ": "
          + ReportWriter.why(e), e);
    }
  }
}

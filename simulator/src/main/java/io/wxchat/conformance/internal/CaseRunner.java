package io.wxchat.conformance.internal;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import io.wxchat.targets.Lease;
import io.wxchat.targets.Target;
import java.io.IOException;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs one case against one target and grades it. Never throws for anything the server does. */
public final class CaseRunner {
  private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "case-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  private final Target target;
  private final Path reportDir;
  private final SSLContext trust;
  private final HttpClient http;

  public CaseRunner(Target target, Path reportDir) {
    this(target, reportDir, null);
  }

  /** {@code trust}: for wss:// targets with a certificate the JVM does not trust; null for its default. */
  public CaseRunner(Target target, Path reportDir, SSLContext trust) {
    this.target = target;
    this.reportDir = reportDir;
    this.trust = trust;
    HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(java.time.Duration.ofSeconds(5));
    this.http = (trust == null ? http : http.sslContext(trust)).build();
  }

  public CaseResult run(Scenario scenario) {
    long start = System.nanoTime();
    Optional<String> cannot = target.cannotRun(scenario);
    if (cannot.isPresent()) {
      return result(scenario, Verdict.UNIMPLEMENTED, start, "", List.of(cannot.get()), List.of(), "");
    }
    Lease lease;
    try {
      lease = target.lease(scenario);
    } catch (IOException e) {
      return result(scenario, Verdict.FAILED, start, scenario.id() + " could not get a server: " + e.getMessage(),
          List.of(), List.of(), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return result(scenario, Verdict.FAILED, start, scenario.id() + " interrupted", List.of(), List.of(), "");
    }
    try (lease; CaseExecution execution = new CaseExecution(lease, trust, http)) {
      Thread caseThread = Thread.currentThread();
      boolean[] timedOut = new boolean[1];
      ScheduledFuture<?> watchdog = TIMEOUTS.schedule(() -> {
        timedOut[0] = true;
        execution.close(); // unblocks a client waiting on a socket
        caseThread.interrupt();
      }, scenario.timeout().toMillis(), TimeUnit.MILLISECONDS);
      String failure = "";
      Verdict verdict;
      List<String> notes = new ArrayList<>();
      try {
        execution.run(scenario.steps(), Bindings.NONE, "");
        verdict = Verdict.PASSED;
      } catch (StepFailure f) {
        verdict = Verdict.FAILED;
        failure = format(scenario, f);
      } catch (Unavailable u) {
        verdict = Verdict.UNIMPLEMENTED;
        notes.add(u.getMessage());
      } catch (InterruptedException e) {
        verdict = Verdict.FAILED;
        failure = scenario.id() + (timedOut[0] ? " FAILED: did not finish within " + scenario.timeout().toMillis()
            + " ms (the case's time limit)" : " interrupted");
      } catch (RuntimeException e) {
        verdict = Verdict.FAILED;
        failure = scenario.id() + " FAILED: the harness hit " + e + " (a bug in the simulator; please report it)";
      } finally {
        watchdog.cancel(false);
        Thread.interrupted(); // a late timeout must not leak into the next case
      }
      notes.addAll(execution.notes());
      Optional<String> crash = lease.crash();
      if (crash.isPresent()) {
        verdict = Verdict.FAILED;
        failure = scenario.id() + " FAILED: the server process " + crash.get() + " during the case"
            + (failure.isEmpty() ? "" : "\n" + failure) + "\n  server output (tail):\n" + indent(tail(lease.log(), 15));
      }
      if (verdict == Verdict.PASSED && !notes.isEmpty()) {
        verdict = Verdict.NON_STRICT;
      }
      if (scenario.informational() && verdict != Verdict.UNIMPLEMENTED) {
        notes.add(0, "informational; judged it would be " + verdict.name()
            + (failure.isEmpty() ? "" : ": " + failure.lines().findFirst().orElse("")));
        verdict = Verdict.INFORMATIONAL;
      }
      return result(scenario, verdict, start, verdict == Verdict.INFORMATIONAL ? "" : failure, notes,
          execution.transcript().events(), lease.log());
    }
  }

  private String format(Scenario scenario, StepFailure f) {
    StringBuilder text = new StringBuilder(scenario.id()).append(' ').append(f.getMessage());
    if (f.expected != null) {
      text.append("\n  expected: ").append(f.expected);
    }
    if (f.closest != null) {
      text.append("\n  closest:  ").append(f.closest);
    }
    text.append("\n  transcript: ").append(reportDir.resolve(target.name()).resolve(scenario.id() + ".json"));
    return text.toString();
  }

  private CaseResult result(Scenario scenario, Verdict verdict, long start, String failure, List<String> notes,
                            List<io.wxchat.session.RecordedEvent> transcript, String log) {
    return new CaseResult(scenario, target.name(), verdict, System.nanoTime() - start, failure, notes, transcript,
        log);
  }

  private static String tail(String log, int lines) {
    String[] all = log.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }

  private static String indent(String text) {
    return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("    (nothing)");
  }
}

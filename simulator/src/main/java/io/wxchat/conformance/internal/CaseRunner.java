package io.wxchat.conformance.internal;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Failure;
import io.wxchat.conformance.FailureText;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import io.wxchat.session.RecordedEvent;
import io.wxchat.targets.Lease;
import io.wxchat.targets.Target;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** Runs one case against one target and grades it. Never throws for anything the server does. */
public final class CaseRunner {
  private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "case-timeouts");
    thread.setDaemon(true);
    return thread;
  });
  private static final int LOG_TAIL_LINES = 15;
  /** How long a failed case gives a dying server to be seen dead (its sockets close first). */
  private static final java.time.Duration CRASH_GRACE = java.time.Duration.ofMillis(300);

  private final Target target;
  private final Path reportDir;
  private final SSLContext trust;
  private final HttpClient http;
  private final Set<Watchdog> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

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

  /**
   * Stops every case this runner is running, and any it starts later, as their watchdogs would (the
   * run is over, e.g. {@code --max-run-time}): their results say "stopped" and are not to be reported.
   */
  public void stop() {
    stopping = true;
    running.forEach(Watchdog::fire);
  }

  public CaseResult run(Scenario scenario) {
    return attempt(scenario, false).result();
  }

  /**
   * Runs {@code scenario} once; {@code alone}: on a server started for it ({@link Target#leaseAlone}).
   * Never throws: a bug of the harness (or of a target) is this case's FAILED verdict, not lost on the
   * thread that ran it.
   */
  public Attempt attempt(Scenario scenario, boolean alone) {
    long start = System.nanoTime();
    try {
      return attempt(scenario, alone, start);
    } catch (RuntimeException e) {
      return harness(scenario, start, "the harness hit " + e + " (a bug in the simulator; please report it)", alone);
    }
  }

  private Attempt attempt(Scenario scenario, boolean alone, long start) {
    Optional<String> cannot = target.cannotRun(scenario);
    if (cannot.isPresent()) {
      return new Attempt(result(scenario, Verdict.UNIMPLEMENTED, start, null, List.of(cannot.get()), List.of(), "",
          false), Optional.empty(), alone);
    }
    Lease lease;
    try {
      lease = alone ? target.leaseAlone(scenario) : target.lease(scenario);
    } catch (IOException e) {
      return harness(scenario, start, "could not get a server: " + e.getMessage(), alone);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return harness(scenario, start, "interrupted", alone);
    }
    try (lease; CaseExecution execution = new CaseExecution(lease, trust, http)) {
      return execute(scenario, lease, execution, start, alone);
    }
  }

  private Attempt execute(Scenario scenario, Lease lease, CaseExecution execution, long start, boolean alone) {
    Watchdog watchdog = new Watchdog(Thread.currentThread(), execution::stuck, execution::close);
    running.add(watchdog);
    if (stopping) { // after add: a stop() that missed it in the set is seen here
      watchdog.fire();
    }
    ScheduledFuture<?> timer = TIMEOUTS.schedule(watchdog::fire, scenario.timeout().toMillis(), TimeUnit.MILLISECONDS);
    Optional<Watchdog.Stop> stopped;
    Failure failure = null;
    Verdict verdict;
    List<String> notes = new ArrayList<>();
    try {
      execution.run(scenario);
      verdict = Verdict.PASSED;
    } catch (StepFailure f) {
      verdict = Verdict.FAILED;
      failure = f.failure();
    } catch (Unavailable u) {
      verdict = Verdict.UNIMPLEMENTED;
      notes.add(u.getMessage());
    } catch (InterruptedException e) {
      verdict = Verdict.FAILED;
      failure = new Failure(Failure.Kind.HARNESS, "", "interrupted", "", List.of(), -1, List.of(), "");
    } catch (RuntimeException e) {
      verdict = Verdict.FAILED;
      failure = new Failure(Failure.Kind.HARNESS, "", "the harness hit " + e
          + " (a bug in the simulator; please report it)", "", List.of(), -1, List.of(), "");
    } finally {
      timer.cancel(false);
      stopped = watchdog.finish(); // exactly one of finished and stopped wins
      running.remove(watchdog);
    }
    if (stopped.isPresent()) { // whatever the steps threw after the watchdog closed them is not the reason
      verdict = Verdict.FAILED;
      failure = stoppedBy(scenario, stopped.get().stuck());
    }
    notes.addAll(execution.notes());
    Optional<Attempt.Crash> crash = crash(lease, execution, verdict == Verdict.FAILED);
    if (crash.isPresent()) {
      verdict = Verdict.FAILED;
      List<String> details = new ArrayList<>();
      if (failure != null) {
        details.add("(then) " + FailureText.summary(failure));
      }
      details.add("server output (tail):");
      details.add(indent(tail(lease.log(), LOG_TAIL_LINES)));
      failure = new Failure(Failure.Kind.CRASH, "", "the server " + crash.get().describe("this case"), "",
          List.of(), -1, details, "");
    }
    if (failure != null) { // the flood a bound cut short is part of why, not only in the transcript
      failure = withFilledInboxes(failure, execution.filledInboxes());
    }
    if (verdict == Verdict.PASSED && !notes.isEmpty()) {
      verdict = Verdict.NON_STRICT;
    }
    boolean timed = (verdict == Verdict.FAILED && failure.kind() == Failure.Kind.LATE)
        || (verdict == Verdict.NON_STRICT && execution.timed());
    // a crash is FAILED whatever the case: an informational case's input killed the server
    if (scenario.informational() && verdict != Verdict.UNIMPLEMENTED && crash.isEmpty()) {
      notes.add(0, "informational; judged it would be " + verdict.name()
          + (failure == null ? "" : ": " + FailureText.headline(scenario.id(), failure)));
      verdict = Verdict.INFORMATIONAL;
      failure = null;
      timed = false;
    }
    return new Attempt(result(scenario, verdict, start, failure, notes, execution.transcript().events(), lease.log(),
        timed), crash, alone);
  }

  private static Failure stoppedBy(Scenario scenario, Optional<Running.Entry> stuck) {
    long ms = scenario.timeout().toMillis();
    String limit = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    String where = stuck.map(entry -> " while step " + entry.label() + " " + entry.doing()).orElse("");
    return new Failure(Failure.Kind.STOPPED, "", "stopped after " + limit + where, "",
        List.of(), -1, List.of(), "");
  }

  /**
   * {@code failure} with the inbox bounds its clients hit after its problem: {@code the frame at alice
   * does not match (alice's inbox filled: 2,000 frames unread; it stopped reading)}.
   */
  static Failure withFilledInboxes(Failure failure, java.util.Map<String, String> filled) {
    if (filled.isEmpty() || failure.kind() == Failure.Kind.TEXT) {
      return failure;
    }
    java.util.Map<String, List<String>> byBound = new java.util.LinkedHashMap<>();
    filled.forEach((client, bound) -> byBound.computeIfAbsent(bound, b -> new ArrayList<>()).add(client));
    List<String> parts = new ArrayList<>();
    byBound.forEach((bound, clients) -> parts.add((clients.size() == 1 ? clients.get(0) + "'s inbox"
        : "the inboxes of " + names(clients)) + " filled: " + bound));
    String they = filled.size() == 1 ? "it" : "they";
    return new Failure(failure.kind(), failure.step(), failure.problem() + " (" + String.join("; ", parts) + "; "
        + they + " stopped reading)", failure.expected(), failure.closest(), failure.waitedMillis(), failure.details(),
        failure.transcript());
  }

  /** {@code alice, bob}; {@code u1, u2, u3 and 197 more}. */
  private static String names(List<String> clients) {
    return clients.size() <= 3 ? String.join(", ", clients)
        : String.join(", ", clients.subList(0, 3)) + " and " + (clients.size() - 3) + " more";
  }

  private static Optional<Attempt.Crash> crash(Lease lease, CaseExecution execution, boolean failed) {
    Optional<String> exit;
    try {
      exit = failed ? lease.crash(CRASH_GRACE) : lease.crash();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = lease.crash();
    }
    if (exit.isEmpty()) {
      return Optional.empty();
    }
    long exitNanos = lease.crashNanos().orElse(System.nanoTime());
    Optional<RecordedEvent> last = SentFrame.lastBeforeDeath(execution.transcript().events(),
        exitNanos - execution.startNanos());
    String words = exit.get().replaceFirst("^exited with code (-?\\d+)$", "exited (code $1)");
    return Optional.of(new Attempt.Crash(lease.instance(), words, exitNanos,
        last.map(e -> execution.startNanos() + e.nanos()).orElse(-1L),
        last.map(e -> e.client().equals("operator") ? "the operator line" : SentFrame.describe(e)).orElse("")));
  }

  private Attempt harness(Scenario scenario, long start, String problem, boolean alone) {
    Failure failure = new Failure(Failure.Kind.HARNESS, "", problem, "", List.of(), -1, List.of(), "");
    return new Attempt(result(scenario, Verdict.FAILED, start, failure, List.of(), List.of(), "", false),
        Optional.empty(), alone);
  }

  /** Where the transcript of {@code scenario} goes: failures point there. */
  public String transcriptPath(Scenario scenario) {
    return reportDir.resolve(target.name()).resolve(scenario.id() + ".json").toString();
  }

  private CaseResult result(Scenario scenario, Verdict verdict, long start, Failure failure, List<String> notes,
                            List<RecordedEvent> transcript, String log, boolean timed) {
    Optional<Failure> problem = Optional.ofNullable(failure).map(f -> f.withTranscript(transcriptPath(scenario)));
    return new CaseResult(scenario, target.name(), verdict, System.nanoTime() - start, problem, notes, transcript,
        log, "", timed);
  }

  private static String tail(String log, int lines) {
    String[] all = log.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }

  private static String indent(String text) {
    return text.lines().map(line -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("  (nothing)");
  }
}

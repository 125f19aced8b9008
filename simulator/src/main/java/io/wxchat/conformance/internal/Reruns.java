package io.wxchat.conformance.internal;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Failure;
import io.wxchat.conformance.FailureText;
import io.wxchat.conformance.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Settles the verdicts that the other cases may have caused: one crash of a shared server is blamed
 * on the case whose frame came last before it, the cases beside it run again alone on a fresh
 * server; a verdict that rests on time alone runs again alone too, and stands only if it recurs.
 */
public final class Reruns {
  /** A crash more than this long after a case's last frame is not blamed on that frame. */
  static final long BLAME_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final CaseRunner runner;
  private final int atOnce;

  /** {@code atOnce}: reruns at the same time, each on its own fresh server (1 where servers are restarted). */
  public Reruns(CaseRunner runner, int atOnce) {
    this.runner = runner;
    this.atOnce = atOnce;
  }

  /** Whether {@code attempt} is settled as it is, or must wait for {@link #settle}. */
  public static boolean settled(Attempt attempt) {
    return attempt.crash().isEmpty() && !attempt.result().timed();
  }

  /** The final result of each unsettled attempt, in the same order. */
  public List<CaseResult> settle(List<Attempt> unsettled) throws InterruptedException {
    Map<Object, List<Attempt>> byInstance = new LinkedHashMap<>();
    unsettled.stream().filter(a -> a.crash().isPresent())
        .forEach(a -> byInstance.computeIfAbsent(a.crash().get().instance(), k -> new ArrayList<>()).add(a));
    Map<Attempt, Callable<CaseResult>> settling = new LinkedHashMap<>();
    for (List<Attempt> crashed : byInstance.values()) {
      Optional<Attempt> culprit = culprit(crashed);
      for (Attempt attempt : crashed) {
        if (culprit.isPresent() && culprit.get() == attempt || attempt.alone()) {
          settling.put(attempt, () -> blamed(attempt, crashed.size() - 1));
        } else {
          settling.put(attempt, () -> afterCrash(attempt, culprit));
        }
      }
    }
    for (Attempt attempt : unsettled) {
      settling.putIfAbsent(attempt, () -> confirmTiming(attempt));
    }
    ExecutorService pool = Executors.newFixedThreadPool(atOnce, r -> {
      Thread thread = new Thread(r, "case-rerun");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<CaseResult>> results = pool.invokeAll(unsettled.stream().map(settling::get).toList());
      List<CaseResult> settled = new ArrayList<>();
      for (Future<CaseResult> result : results) {
        try {
          settled.add(result.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a rerun crashed the runner: " + e.getCause(), e.getCause());
        }
      }
      return settled;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Optional<Attempt> culprit(List<Attempt> crashed) {
    if (crashed.size() == 1) {
      return Optional.of(crashed.get(0));
    }
    Attempt latest = null;
    for (Attempt attempt : crashed) {
      Attempt.Crash crash = attempt.crash().get();
      if (crash.sentNanos() >= 0 && crash.exitNanos() - crash.sentNanos() <= BLAME_NANOS
          && (latest == null || crash.sentNanos() > latest.crash().get().sentNanos())) {
        latest = attempt;
      }
    }
    return Optional.ofNullable(latest);
  }

  private static CaseResult blamed(Attempt attempt, int beside) {
    CaseResult result = attempt.result();
    if (beside == 0) {
      return result;
    }
    String rerun = beside + (beside == 1 ? " case" : " cases") + " beside it on the same server ran again alone on a"
        + " fresh one";
    if (result.problem().isEmpty()) { // an informational case that crashed the server: a crash is FAILED
      Failure crash = Failure.of(result.id() + " FAILED: the server " + attempt.crash().get().describe("this case"));
      return with(result, Verdict.FAILED, crash.withDetails(List.of(rerun)), result.notes());
    }
    return with(result, Verdict.FAILED, result.problem().get().withDetails(List.of(rerun)), result.notes());
  }

  private CaseResult afterCrash(Attempt first, Optional<Attempt> culprit) {
    Attempt.Crash crash = first.crash().get();
    String cause = culprit.map(c -> c.crash().get().describe(c.result().id()))
        .orElse(crash.exit() + ", and no case had sent anything in the 2 s before");
    String why = "the shared server " + cause + " while this case ran beside it";
    Attempt again = runner.attempt(first.result().scenario(), true);
    if (again.crash().isPresent()) {
      Failure twice = new Failure(Failure.Kind.CRASH, "", "the server exited during this case twice: alone on a"
          + " fresh server it " + again.crash().get().describe("this case") + "; before that, beside other cases, it "
          + cause, "", List.of(), -1, again.result().problem().map(Failure::details).orElse(List.of()),
          runner.transcriptPath(first.result().scenario()));
      return with(again.result(), Verdict.FAILED, twice, again.result().notes()).rerunBecause(why);
    }
    return again.result().rerunBecause(why);
  }

  private CaseResult confirmTiming(Attempt first) {
    CaseResult before = first.result();
    String firstly = before.verdict() == Verdict.FAILED
        ? before.problem().map(FailureText::summary).orElse("FAILED")
        : "NON_STRICT: " + String.join("; ", before.notes());
    Attempt again = runner.attempt(before.scenario(), true);
    CaseResult after = again.result(); // alone: a crash in it is its own
    if (after.verdict() == Verdict.UNIMPLEMENTED) { // no fresh server to be had (a URL target already online)
      List<String> notes = new ArrayList<>(before.notes());
      notes.add("not confirmed alone: " + String.join("; ", after.notes()));
      return with(before, before.verdict(), before.problem().orElse(null), notes);
    }
    String why = "to confirm a timing, alone on a fresh server; the first run, beside other cases, was " + firstly;
    if (after.verdict() == Verdict.FAILED && after.problem().map(f -> f.kind() == Failure.Kind.LATE).orElse(false)) {
      Failure failure = after.problem().get().withDetails(List.of("late again alone on a fresh server; the first run,"
          + " beside other cases: " + firstly));
      return with(after, Verdict.FAILED, failure, after.notes()).rerunBecause(why);
    }
    if (after.verdict() == Verdict.NON_STRICT && after.timed()) {
      List<String> notes = new ArrayList<>(after.notes());
      notes.add("late again alone on a fresh server; the first run, beside other cases: " + firstly);
      return with(after, Verdict.NON_STRICT, null, notes).rerunBecause(why);
    }
    return after.rerunBecause(why);
  }

  private static CaseResult with(CaseResult r, Verdict verdict, Failure failure, List<String> notes) {
    return new CaseResult(r.scenario(), r.target(), verdict, r.durationNanos(), Optional.ofNullable(failure), notes,
        r.transcript(), r.serverLog(), r.rerun(), r.timed());
  }
}

package io.wxchat.conformance.internal;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Failure;
import io.wxchat.conformance.FailureText;
import io.wxchat.conformance.Verdict;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Settles the verdicts that the other cases may have caused: when a shared server dies, every case
 * that was running on it runs again alone on a fresh server, and only one that kills that one too is
 * FAILED for the crash ({@link CrashBlame}); a verdict that rests on time alone runs again alone too,
 * and stands only if it recurs.
 */
public final class Reruns {
  private final CaseRunner runner;
  private final int atOnce;
  private final String alone;

  /**
   * {@code atOnce}: reruns at the same time, each on its own fresh server (1 where servers are restarted);
   * {@code fresh}: whether a rerun gets a server started for it ({@link io.wxchat.targets.Target#startsAlone}),
   * not the one server of a URL target.
   */
  public Reruns(CaseRunner runner, int atOnce, boolean fresh) {
    this.runner = runner;
    this.atOnce = atOnce;
    this.alone = fresh ? "alone on a fresh server" : "alone";
  }

  /** Whether {@code attempt} is settled as it is, or must wait for {@link #settle}. */
  public static boolean settled(Attempt attempt) {
    return attempt.crash().isEmpty() && !attempt.result().timed();
  }

  /**
   * The final result of each unsettled attempt, in the same order. Each runs again at most once: a
   * crash costs as many reruns as cases were running on the server (at most
   * {@code ConformanceRunner.PER_INSTANCE}).
   */
  public List<CaseResult> settle(List<Attempt> unsettled) throws InterruptedException {
    Map<Object, List<Attempt>> byInstance = new LinkedHashMap<>();
    unsettled.stream().filter(a -> a.crash().isPresent() && !a.alone())
        .forEach(a -> byInstance.computeIfAbsent(a.crash().get().instance(), k -> new ArrayList<>()).add(a));
    ExecutorService pool = Executors.newFixedThreadPool(atOnce, r -> {
      Thread thread = new Thread(r, "case-rerun");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<Attempt, Future<Attempt>> alone = new IdentityHashMap<>(); // records are equal by value, and large
      byInstance.values().forEach(suspects -> suspects.forEach(
          suspect -> alone.put(suspect, pool.submit(() -> runner.attempt(suspect.result().scenario(), true)))));
      Map<Attempt, Future<CaseResult>> timings = new IdentityHashMap<>();
      unsettled.stream().filter(a -> a.crash().isEmpty())
          .forEach(a -> timings.put(a, pool.submit(() -> confirmTiming(a))));
      Map<Attempt, CaseResult> settled = new IdentityHashMap<>();
      for (List<Attempt> suspects : byInstance.values()) {
        List<Attempt> reruns = new ArrayList<>();
        for (Attempt suspect : suspects) {
          reruns.add(get(alone.get(suspect)));
        }
        List<CaseResult> judged = CrashBlame.judge(suspects, reruns, runner::transcriptPath);
        for (int i = 0; i < suspects.size(); i++) {
          settled.put(suspects.get(i), judged.get(i));
        }
      }
      for (Map.Entry<Attempt, Future<CaseResult>> timing : timings.entrySet()) {
        settled.put(timing.getKey(), get(timing.getValue()));
      }
      // a case that crashed a server started for it alone: the crash is its own, already FAILED (CaseRunner)
      return unsettled.stream().map(a -> settled.getOrDefault(a, a.result())).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T get(Future<T> rerun) throws InterruptedException {
    try {
      return rerun.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a rerun crashed the runner: " + e.getCause(), e.getCause());
    }
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
    String why = "to confirm a timing, " + alone + "; the first run, beside other cases, was " + firstly;
    if (after.verdict() == Verdict.FAILED && after.problem().map(f -> f.kind() == Failure.Kind.LATE).orElse(false)) {
      Failure failure = after.problem().get().withDetails(List.of("late again " + alone + "; the first run,"
          + " beside other cases: " + firstly));
      return with(after, Verdict.FAILED, failure, after.notes()).rerunBecause(why);
    }
    if (after.verdict() == Verdict.NON_STRICT && after.timed()) {
      List<String> notes = new ArrayList<>(after.notes());
      notes.add("late again " + alone + "; the first run, beside other cases: " + firstly);
      return with(after, Verdict.NON_STRICT, null, notes).rerunBecause(why);
    }
    return after.rerunBecause(why);
  }

  private static CaseResult with(CaseResult r, Verdict verdict, Failure failure, List<String> notes) {
    return new CaseResult(r.scenario(), r.target(), verdict, r.durationNanos(), Optional.ofNullable(failure), notes,
        r.transcript(), r.serverLog(), r.rerun(), r.timed());
  }
}

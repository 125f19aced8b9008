package io.wxchat.conformance.internal;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Failure;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who is FAILED for one crash of a server: every case that was running on it is a suspect and runs
 * again alone on a fresh server; a suspect that crashes that one too is FAILED with both exits, the
 * others take the verdict of their run alone.
 *
 * <p>The order of the frames before the exit decides nothing: several cases send within the same
 * millisecond, and the frame sent last is as often a bystander's as the culprit's.
 */
final class CrashBlame {
  private CrashBlame() {
  }

  /**
   * The final results of the cases that were running on one server when it died.
   *
   * @param suspects their first attempts, each with the crash
   * @param alone each suspect's run alone on a fresh server, in the same order
   */
  static List<CaseResult> judge(List<Attempt> suspects, List<Attempt> alone, Function<Scenario, String> transcripts) {
    if (suspects.size() != alone.size()) {
      throw new IllegalArgumentException("one run alone per suspect: " + suspects.size() + " suspects, "
          + alone.size() + " runs alone");
    }
    List<Attempt> culprits = new ArrayList<>();
    for (int i = 0; i < suspects.size(); i++) {
      if (alone.get(i).crash().isPresent()) {
        culprits.add(suspects.get(i));
      }
    }
    int others = suspects.size() - 1;
    List<CaseResult> results = new ArrayList<>();
    for (int i = 0; i < suspects.size(); i++) {
      Attempt first = suspects.get(i);
      Attempt again = alone.get(i);
      String why = again.crash().isPresent() ? suspected(first, others) : spared(first, culprits, others);
      results.add((again.crash().isPresent() ? twice(first, again, others, transcripts) : again.result())
          .rerunBecause(why));
    }
    return results;
  }

  private static CaseResult twice(Attempt first, Attempt again, int others,
                                  Function<Scenario, String> transcripts) {
    Attempt.Crash before = first.crash().get();
    String problem = "the server " + before.describe("this case") + beside(others)
        + ", and again when the case ran alone: " + again.crash().get().exit() + again.crash().get().after("it");
    Optional<Failure> alone = again.result().problem();
    Failure failure = new Failure(Failure.Kind.CRASH, "", problem, "", List.of(), -1,
        alone.map(Failure::details).orElse(List.of()),
        transcripts.apply(first.result().scenario()));
    return with(again.result(), failure);
  }

  private static String suspected(Attempt first, int others) {
    String exit = first.crash().get().exit();
    return others == 0 ? "the server " + exit + " during this case; it ran again alone on a fresh server"
        : "the shared server " + exit + " while this case and " + cases(others) + " ran on it; each ran again alone"
            + " on a fresh server";
  }

  private static String spared(Attempt first, List<Attempt> culprits, int others) {
    Attempt.Crash crash = first.crash().get();
    if (culprits.isEmpty()) {
      return others == 0 ? "the server " + crash.describe("this case") + "; run alone on a fresh server, this case did"
          + " not crash it"
          : "the shared server " + crash.describe("this case") + beside(others) + "; no case that was running on it"
              + " crashed a fresh server when run alone";
    }
    String ids = culprits.stream().map(c -> c.result().id()).collect(Collectors.joining(" and "));
    return "the shared server " + crash.exit()
        + culprits.stream().map(c -> c.crash().get().after(c.result().id())).collect(Collectors.joining(" and"))
        + " while this case ran beside " + (culprits.size() == 1 ? "it" : "them") + "; " + ids
        + " crashed a fresh server again when run alone, this case did not";
  }

  private static String beside(int others) {
    return others == 0 ? "" : " (beside " + cases(others) + ")";
  }

  private static String cases(int n) {
    return n + (n == 1 ? " other case" : " other cases");
  }

  private static CaseResult with(CaseResult r, Failure failure) {
    return new CaseResult(r.scenario(), r.target(), Verdict.FAILED, r.durationNanos(), Optional.of(failure), r.notes(),
        r.transcript(), r.serverLog(), r.rerun(), r.timed());
  }
}

package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that behave as the seed tutorials write them (test/node/chat-server/seed-*.js) are graded
 * fairly: what the seeds do and the mini-program copes with is NON_STRICT naming the seed; a crash
 * is FAILED, on the case that caused it.
 */
class SeedServerIT {
  @TempDir
  Path reports;

  @Test
  void a_server_with_seed_002s_behaviours_passes_with_the_seed_deviations_named_and_fails_under_strict()
      throws Exception {
    // given
    Target seed002 = seedServer("seed-002-server.js", OperatorMode.STDIN);

    // when
    RunResult run = run(seed002, Profile.OPERATOR, reports.resolve("seed-002"));

    // then
    TargetResult target = run.targets().get(0);
    assertThat(target.count(Verdict.FAILED)).as(Suites.problems(run)).isZero();
    assertThat(run.failed()).as("exit 0").isZero();
    assertThat(notesOfNonStrictCases(target)).as(Suites.problems(run)).containsOnlyKeys(
        "operator.2.4", "operator.2.5", "operator.2.7", "operator.3.4", "transport.1.5");
    assertThat(notesOfNonStrictCases(target).get("transport.1.5")).contains("answered 400 instead of 404");
    assertThat(notesOfNonStrictCases(target).get("operator.2.4"))
        .contains("the two lines typed at once were pushed as one message with a newline inside"
            + " (seed 002 does this, see D3)");
    assertThat(notesOfNonStrictCases(target).get("operator.2.5"))
        .contains("the blank line was pushed as an empty message and switched the server online"
            + " (seed 002 does this, see D2)");
    assertThat(notesOfNonStrictCases(target).get("operator.3.4"))
        .contains("the line typed while nobody was connected reached alice only when she connected"
            + " (seed 002 reads the console per connection, see D1)");
    assertThat(new RunResult(run.targets(), run.started(), run.finished(), true).failed())
        .as("--strict fails it").isPositive();
  }

  @Test
  void a_server_with_seed_000s_behaviours_fails_only_the_cases_that_crash_it() throws Exception {
    // given: seed 000 dies on invalid UTF-8 and on a reserved opcode (no error handler), while other
    // cases send to it within the same milliseconds
    Target seed000 = seedServer("seed-000-server.js", OperatorMode.NONE);

    // when
    RunResult run = run(seed000, Profile.ECHO, reports.resolve("seed-000"));

    // then: the two cases that kill it are FAILED for it; those beside them ran again alone and passed
    TargetResult target = run.targets().get(0);
    assertThat(failedCases(run)).as(Suites.problems(run)).containsExactlyInAnyOrder("robustness.2.1", "robustness.2.2");
    assertThat(target.cases().stream().filter(c -> c.verdict() == Verdict.FAILED).map(CaseResult::failure))
        .allMatch(failure -> failure.contains("and again when the case ran alone: exited (code 1)"), "crash failures");
    assertThat(target.rerun().stream().filter(c -> c.verdict() != Verdict.FAILED).map(CaseResult::rerun)
        .filter(why -> !why.startsWith("to confirm a timing"))).as(Suites.problems(run)).isNotEmpty()
        .allMatch(why -> why.matches("the shared server exited \\(code 1\\) .* while this case ran beside (it|them);"
            + " .* crashed a fresh server again when run alone, this case did not"));
  }

  // four cases at once, not sixteen: the verdicts are the point here, not the throughput, and a
  // loaded build machine must not turn them into connect timeouts
  private static RunResult run(Target target, Profile profile, Path reports) throws Exception {
    return new ConformanceRunner(new RunOptions(profile, 4, false, reports)).run(List.of(target), Suites.all(),
        Progress.SILENT);
  }

  private static Target seedServer(String script, OperatorMode operator) {
    return new LaunchedTarget("node " + script + " --port {port}", Suites.nodeServerDir(), 0, operator, null,
        script.replace(".js", ""));
  }

  private static List<String> failedCases(RunResult run) {
    return run.targets().get(0).cases().stream().filter(c -> c.verdict() == Verdict.FAILED).map(CaseResult::id)
        .toList();
  }

  private static Map<String, String> notesOfNonStrictCases(TargetResult target) {
    return target.cases().stream().filter(c -> c.verdict() == Verdict.NON_STRICT)
        .collect(Collectors.toMap(CaseResult::id, c -> String.join("\n", c.notes())));
  }
}

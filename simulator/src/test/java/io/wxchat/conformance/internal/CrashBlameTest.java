package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Failure;
import io.wxchat.conformance.FailureText;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CrashBlameTest {
  private static final Object SHARED = new Object();
  private static final long EXIT = TimeUnit.SECONDS.toNanos(100);
  private static final String UTF8 = "a text frame that is not valid UTF-8";
  private static final String LARGE = "a text of 65536 bytes";

  @Test
  void the_bystander_whose_frame_came_last_takes_the_verdict_of_its_run_alone() {
    // given: robustness.3.2's frame came 0.8 ms after robustness.2.1's, both 1 ms or less before the exit
    Attempt utf8 = crashed("robustness.2.1", 1_000_000, UTF8);
    Attempt large = crashed("robustness.3.2", 200_000, LARGE);

    // when: alone, only robustness.2.1 kills a fresh server
    List<CaseResult> judged = CrashBlame.judge(List.of(utf8, large),
        List.of(crashedAlone("robustness.2.1", 2_000_000, UTF8), passed("robustness.3.2")), CrashBlameTest::transcript);

    // then
    assertThat(judged).extracting(CaseResult::verdict).containsExactly(Verdict.FAILED, Verdict.PASSED);
    assertThat(FailureText.headline("robustness.2.1", judged.get(0).problem().get())).isEqualTo("robustness.2.1"
        + " FAILED: the server exited (code 1) 1.0 ms after this case sent a text frame that is not valid UTF-8"
        + " (beside 1 other case), and again when the case ran alone: exited (code 1) 2.0 ms after it sent a text"
        + " frame that is not valid UTF-8");
    assertThat(judged.get(0).problem().get().transcript()).isEqualTo("reports/seed-000/robustness.2.1.json");
    assertThat(judged.get(0).rerun()).isEqualTo("the shared server exited (code 1) while this case and 1 other case"
        + " ran on it; each ran again alone on a fresh server");
    assertThat(judged.get(1).rerun()).isEqualTo("the shared server exited (code 1) 1.0 ms after robustness.2.1 sent a"
        + " text frame that is not valid UTF-8 while this case ran beside it; robustness.2.1 crashed a fresh server"
        + " again when run alone, this case did not");
  }

  @Test
  void a_bystander_that_fails_on_its_own_alone_keeps_its_own_failure() {
    // given
    Attempt utf8 = crashed("robustness.2.1", 1_000_000, UTF8);
    Attempt echo = crashed("echo.1.1", 300_000, "a text of 6 bytes");
    Failure mismatch = new Failure(Failure.Kind.MISMATCH, "3 (expect, client alice)", "/content differs", "", List.of(),
        2000, List.of(), "reports/seed-000/echo.1.1.json");

    // when
    List<CaseResult> judged = CrashBlame.judge(List.of(utf8, echo),
        List.of(crashedAlone("robustness.2.1", 2_000_000, UTF8),
            new Attempt(result("echo.1.1", Verdict.FAILED, mismatch), Optional.empty(), true)),
        CrashBlameTest::transcript);

    // then
    assertThat(judged.get(1).verdict()).isEqualTo(Verdict.FAILED);
    assertThat(judged.get(1).problem()).contains(mismatch);
    assertThat(judged.get(1).rerun()).startsWith("the shared server exited (code 1) 1.0 ms after robustness.2.1");
  }

  @Test
  void every_suspect_that_crashes_a_fresh_server_alone_is_failed_and_a_bystander_names_them_all() {
    // given
    Attempt utf8 = crashed("robustness.2.1", 1_000_000, UTF8);
    Attempt opcode = crashed("robustness.2.2", 500_000, "a frame with reserved opcode 0x3");
    Attempt large = crashed("robustness.3.2", 200_000, LARGE);

    // when
    List<CaseResult> judged = CrashBlame.judge(List.of(utf8, opcode, large),
        List.of(crashedAlone("robustness.2.1", 2_000_000, UTF8),
            crashedAlone("robustness.2.2", 3_000_000, "a frame with reserved opcode 0x3"), passed("robustness.3.2")),
        CrashBlameTest::transcript);

    // then
    assertThat(judged).extracting(CaseResult::verdict).containsExactly(Verdict.FAILED, Verdict.FAILED, Verdict.PASSED);
    assertThat(judged.get(1).problem().get().problem()).isEqualTo("the server exited (code 1) 0.5 ms after this case"
        + " sent a frame with reserved opcode 0x3 (beside 2 other cases), and again when the case ran alone: exited"
        + " (code 1) 3.0 ms after it sent a frame with reserved opcode 0x3");
    assertThat(judged.get(2).rerun()).isEqualTo("the shared server exited (code 1) 1.0 ms after robustness.2.1 sent a"
        + " text frame that is not valid UTF-8 and 0.5 ms after robustness.2.2 sent a frame with reserved opcode 0x3"
        + " while this case ran beside them; robustness.2.1 and robustness.2.2 crashed a fresh server again when run"
        + " alone, this case did not");
  }

  @Test
  void when_no_suspect_crashes_a_fresh_server_alone_none_is_failed_for_the_crash() {
    // given
    Attempt one = crashed("echo.1.1", 5_000_000, "a text of 6 bytes");
    Attempt two = crashed("echo.1.2", -1, "");

    // when
    List<CaseResult> judged = CrashBlame.judge(List.of(one, two), List.of(passed("echo.1.1"), passed("echo.1.2")),
        CrashBlameTest::transcript);

    // then
    assertThat(judged).extracting(CaseResult::verdict).containsExactly(Verdict.PASSED, Verdict.PASSED);
    assertThat(judged.get(1).rerun()).isEqualTo("the shared server exited (code 1) before this case sent anything"
        + " (beside 1 other case); no case that was running on it crashed a fresh server when run alone");
  }

  @Test
  void the_only_case_on_a_server_that_died_is_failed_only_if_it_kills_a_fresh_one_too() {
    // given
    Attempt boom = crashed("crash.boom", 1_600_000_000L, "a text of 4 bytes");

    // when
    CaseResult spared = CrashBlame.judge(List.of(boom), List.of(passed("crash.boom")), CrashBlameTest::transcript)
        .get(0);
    CaseResult failed = CrashBlame.judge(List.of(boom), List.of(crashedAlone("crash.boom", 1_500_000_000L,
        "a text of 4 bytes")), CrashBlameTest::transcript).get(0);

    // then
    assertThat(spared.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(spared.rerun()).isEqualTo("the server exited (code 1) 1600 ms after this case sent a text of 4 bytes;"
        + " run alone on a fresh server, this case did not crash it");
    assertThat(failed.problem().get().problem()).isEqualTo("the server exited (code 1) 1600 ms after this case sent a"
        + " text of 4 bytes, and again when the case ran alone: exited (code 1) 1500 ms after it sent a text of 4"
        + " bytes");
    assertThat(failed.rerun()).isEqualTo("the server exited (code 1) during this case; it ran again alone on a fresh"
        + " server");
  }

  private static Attempt crashed(String id, long beforeExitNanos, String sent) {
    Attempt.Crash crash = new Attempt.Crash(SHARED, "exited (code 1)", EXIT,
        beforeExitNanos < 0 ? -1 : EXIT - beforeExitNanos, sent);
    return new Attempt(result(id, Verdict.FAILED, new Failure(Failure.Kind.CRASH, "", "the server "
        + crash.describe("this case"), "", List.of(), -1, List.of(), transcript(id))), Optional.of(crash), false);
  }

  private static Attempt crashedAlone(String id, long beforeExitNanos, String sent) {
    Attempt.Crash crash = new Attempt.Crash(new Object(), "exited (code 1)", 2 * EXIT, 2 * EXIT - beforeExitNanos,
        sent);
    return new Attempt(result(id, Verdict.FAILED, new Failure(Failure.Kind.CRASH, "", "the server "
        + crash.describe("this case"), "", List.of(), -1, List.of("server output (tail):", "  Error: invalid"),
        transcript(id))), Optional.of(crash), true);
  }

  private static Attempt passed(String id) {
    return new Attempt(result(id, Verdict.PASSED, null), Optional.empty(), true);
  }

  private static CaseResult result(String id, Verdict verdict, Failure failure) {
    Scenario scenario = Scenario.builder(id).title(id).expectation(id).steps(Steps.connect("alice")).build();
    return new CaseResult(scenario, "seed-000", verdict, 1, Optional.ofNullable(failure), List.of(), List.of(), "",
        "", false);
  }

  private static String transcript(Scenario scenario) {
    return transcript(scenario.id());
  }

  private static String transcript(String id) {
    return "reports/seed-000/" + id + ".json";
  }
}

package io.wxchat.conformance;

import static io.wxchat.scenario.Steps.connect;
import static io.wxchat.scenario.Steps.connectRaw;
import static io.wxchat.scenario.Steps.expect;
import static io.wxchat.scenario.Steps.repeat;
import static io.wxchat.scenario.Steps.send;
import static io.wxchat.scenario.Steps.sendRaw;
import static io.wxchat.scenario.Steps.silence;
import static io.wxchat.scenario.Steps.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Matcher;
import io.wxchat.scenario.Matchers;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import io.wxchat.targets.EmbeddedTarget;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts the runner settles beyond one case's steps: a crash blamed on the case that causes it
 * alone too, a timing confirmed alone, a silence that lasts, a watchdog that says where it stopped. Against
 * src/test/node/verdicts/server.js, launched on free ports.
 */
class VerdictIT {
  private static final Matcher REPLY = Matchers.json("content", Matchers.equalTo("服务器回复:你好"));

  @TempDir
  Path reports;

  @Test
  void a_crash_fails_only_the_case_that_kills_a_fresh_server_again_and_the_cases_beside_it_take_their_rerun()
      throws Exception {
    // given: a server that dies on a reserved opcode, and five cases beside the one that sends it
    List<Scenario> cases = new ArrayList<>();
    cases.add(scenario("crash.mallory", waitFor(Duration.ofMillis(400)), connectRaw("mallory"),
        sendRaw("mallory", "83 80 00 00 00 00"), silence("mallory", Duration.ofMillis(500))));
    for (int i = 1; i <= 5; i++) {
      cases.add(scenario("crash.beside-" + i, connect("alice"),
          repeat(4, send("alice", "你好"), expect("alice", REPLY), silence("alice", Duration.ofMillis(300)))));
    }

    // when
    TargetResult target = run(server("--die-on WS_ERR_INVALID_OPCODE"), cases);

    // then
    Map<String, CaseResult> byId = byId(target);
    assertThat(target.count(Verdict.FAILED)).as(problems(target)).isEqualTo(1);
    assertThat(byId.get("crash.mallory").failure()).matches("(?s)crash\\.mallory FAILED: the server exited"
        + " \\(code 1\\) \\d+(\\.\\d)? ms after this case sent a frame with reserved opcode 0x3 \\(beside 5 other"
        + " cases\\), and again when the case ran alone: exited \\(code 1\\) \\d+(\\.\\d)? ms after it sent a frame"
        + " with reserved opcode 0x3\n.*");
    for (int i = 1; i <= 5; i++) {
      CaseResult beside = byId.get("crash.beside-" + i);
      assertThat(beside.verdict()).as(problems(target)).isEqualTo(Verdict.PASSED);
      assertThat(beside.rerun()).matches("the shared server exited \\(code 1\\) \\d+(\\.\\d)? ms after crash\\.mallory"
          + " sent a frame with reserved opcode 0x3 while this case ran beside it; crash\\.mallory crashed a fresh"
          + " server again when run alone, this case did not");
    }
  }

  @Test
  void a_case_that_crashes_the_server_again_alone_is_failed_with_both_exits() throws Exception {
    // given: "boom" kills the server 1.5 s later; the reserved opcode kills it first, beside it
    Scenario boom = scenario("crash.boom", connect("bob"), send("bob", "boom"), waitFor(Duration.ofMillis(2500)));
    Scenario mallory = scenario("crash.mallory", waitFor(Duration.ofMillis(400)), connectRaw("mallory"),
        sendRaw("mallory", "83 80 00 00 00 00"), silence("mallory", Duration.ofMillis(500)));

    // when
    TargetResult target = run(server("--die-on WS_ERR_INVALID_OPCODE --die-after boom:1500"), List.of(boom, mallory));

    // then
    CaseResult twice = byId(target).get("crash.boom");
    assertThat(target.count(Verdict.FAILED)).as(problems(target)).isEqualTo(2);
    assertThat(twice.failure()).matches("(?s)crash\\.boom FAILED: the server exited \\(code 1\\) \\d+ ms after this"
        + " case sent a text of 4 bytes \\(beside 1 other case\\), and again when the case ran alone: exited"
        + " \\(code 2\\) \\d+ ms after it sent a text of 4 bytes\n.*");
  }

  @Test
  void a_reply_late_only_beside_other_cases_passes_when_it_is_prompt_alone() throws Exception {
    // given: a server that answers 2.5 s late while more than one client is connected
    Scenario lonely = scenario("timing.lonely", connect("alice"), waitFor(Duration.ofMillis(500)), send("alice", "你好"),
        expect("alice", REPLY));
    Scenario company = scenario("timing.company", connect("carol"), waitFor(Duration.ofMillis(3000)));

    // when
    TargetResult target = run(server("--slow-while-busy 2500"), List.of(lonely, company));

    // then
    CaseResult result = byId(target).get("timing.lonely");
    assertThat(result.verdict()).as(problems(target)).isEqualTo(Verdict.PASSED);
    assertThat(result.rerun()).isEqualTo("to confirm a timing, alone on a fresh server; the first run, beside other"
        + " cases, was step 4 (expect, client alice) FAILED after 2000 ms: nothing arrived at alice");
  }

  @Test
  void a_reply_late_again_alone_is_failed_with_both_timings() throws Exception {
    // given
    Scenario late = scenario("timing.late", connect("alice"), send("alice", "你好"), expect("alice", REPLY));

    // when
    TargetResult target = run(server("--slow-ms 2500"), List.of(late));

    // then
    assertThat(byId(target).get("timing.late").failure()).matches("timing\\.late step 3 \\(expect, client alice\\)"
        + " FAILED after 2000 ms: nothing arrived at alice\n"
        + "  expected: \\{\"content\":\"服务器回复:你好\"\\} \\(other fields ignored\\)\n"
        + "  closest:  nothing received on alice at all\n"
        + "  late again alone on a fresh server; the first run, beside other cases: step 3 \\(expect, client alice\\)"
        + " FAILED after 2000 ms: nothing arrived at alice\n"
        + "  transcript: .*timing\\.late\\.json");
  }

  @Test
  void a_reply_later_than_one_second_but_within_the_wait_is_non_strict_with_its_time() throws Exception {
    // given
    Scenario slow = scenario("timing.slow", connect("alice"), send("alice", "你好"), expect("alice", REPLY));

    // when
    TargetResult target = run(server("--slow-ms 1300"), List.of(slow));

    // then
    CaseResult result = byId(target).get("timing.slow");
    assertThat(result.verdict()).isEqualTo(Verdict.NON_STRICT);
    assertThat(result.notes().get(0)).matches("alice: the reply came 13\\d\\d ms after the text it answers \\(the"
        + " protocol asks for 1 s; the suites wait 2 s\\)");
  }

  @Test
  void a_second_reply_reads_as_one() throws Exception {
    // given
    Scenario twice = scenario("reply.twice", connect("alice"), send("alice", "你好"), expect("alice", REPLY),
        silence("alice", Duration.ofMillis(500)));

    // when
    TargetResult target = run(server("--reply-twice"), List.of(twice));

    // then
    assertThat(byId(target).get("reply.twice").failure()).matches("reply\\.twice step 4 \\(silence, client alice\\)"
        + " FAILED: a second reply arrived \\d+(\\.\\d)? ms after the first \\(each text gets exactly one\\); alice"
        + " received something during 500 ms of expected silence\n"
        + "  expected: nothing for 500 ms\n"
        + "  closest:  \\{\"content\":\"服务器回复:你好\",\"timestamp\":\"[^\"]+\"\\}\n"
        + "  transcript: .*reply\\.twice\\.json");
  }

  @Test
  void a_case_stopped_by_its_watchdog_says_which_step_was_running() throws Exception {
    // given: a server that never reads, and a client writing 64 KiB texts into it
    Scenario slow = Scenario.builder("watchdog.writer").title("writes").expectation("writes")
        .timeout(Duration.ofSeconds(3))
        .steps(connectRaw("slow"), repeat(2000, send("slow", "x".repeat(65_536)))).build();

    // when
    TargetResult target = run(server("--stop-reading"), List.of(slow));

    // then
    assertThat(byId(target).get("watchdog.writer").failure()).matches("watchdog\\.writer FAILED: stopped after 3 s"
        + " while step 2\\.\\d+\\.1 \\(send, client slow\\) was writing: the server stopped reading\n"
        + "  transcript: .*watchdog\\.writer\\.json");
  }

  @Test
  void a_silence_on_everyone_lasts_as_long_as_it_says_with_nobody_connected() throws Exception {
    // given
    Scenario pause = scenario("silence.nobody", silence("*", Duration.ofMillis(400)));

    // when
    TargetResult target = new ConformanceRunner(new RunOptions(Profile.ECHO, 4, true, reports))
        .run(List.of(new EmbeddedTarget(Profile.ECHO)), List.of(pause), Progress.SILENT).targets().get(0);

    // then
    assertThat(target.cases().get(0).verdict()).isEqualTo(Verdict.PASSED);
    assertThat(target.cases().get(0).durationMillis()).isGreaterThanOrEqualTo(400);
  }

  private static Scenario scenario(String id, Step... steps) {
    return Scenario.builder(id).title(id).expectation(id).profiles(Profile.ECHO).timeout(Duration.ofSeconds(20))
        .steps(steps).build();
  }

  private static Target server(String flags) {
    return new LaunchedTarget("node server.js " + flags, verdictServerDir(), 0, OperatorMode.NONE, null, "verdicts");
  }

  private static Path verdictServerDir() {
    Suites.nodeServerDir(); // the verdict server borrows its ws
    return Path.of(System.getProperty("node.server.dir", "src/test/node/chat-server")).resolveSibling("verdicts");
  }

  private TargetResult run(Target target, List<Scenario> cases) throws Exception {
    return new ConformanceRunner(new RunOptions(Profile.ECHO, 8, true, reports))
        .run(List.of(target), cases, Progress.SILENT).targets().get(0);
  }

  private static Map<String, CaseResult> byId(TargetResult target) {
    return target.cases().stream().collect(Collectors.toMap(CaseResult::id, Function.identity()));
  }

  private static String problems(TargetResult target) {
    return target.cases().stream().map(c -> c.verdict() + " " + c.id() + ": " + c.failure() + " " + c.notes()
        + " rerun: " + c.rerun()).collect(Collectors.joining("\n"));
  }
}

package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact text of each shape of failure, as the console, JUnit XML and HTML all print it. */
class FailureTextTest {
  private static final String TRANSCRIPT = "reports/candidate/operator.2.1.json";

  @Test
  void nothing_arrived_names_the_step_the_wait_and_the_last_frame_before() {
    // given
    Failure failure = new Failure(Failure.Kind.LATE, "4 (expect, client alice)", "nothing arrived at alice",
        "{\"content\":\"您好\"} (other fields ignored)",
        List.of(new Failure.Near("(last frame before) {\"content\":\"[自动回复] : 请等待用户接入回复...\"}", "", 0)),
        2000, List.of(), TRANSCRIPT);

    // when
    String text = FailureText.render("operator.2.1", failure);

    // then
    assertThat(text).isEqualTo("""
        operator.2.1 step 4 (expect, client alice) FAILED after 2000 ms: nothing arrived at alice
          expected: {"content":"您好"} (other fields ignored)
          closest:  (last frame before) {"content":"[自动回复] : 请等待用户接入回复..."}
          transcript: reports/candidate/operator.2.1.json""");
  }

  @Test
  void a_wrong_frame_lists_the_nearest_frames_best_first_with_their_scores() {
    // given
    Failure failure = new Failure(Failure.Kind.MISMATCH, "4 (expect, client alice)", "the frame at alice does not match",
        "{\"content\":\"您好\"} (other fields ignored)", List.of(
            new Failure.Near("{\"content\":\"您好!\"}", "/content differs: expected \"您好\", got \"您好!\"", 0.53),
            new Failure.Near("(earlier) {\"content\":\"稍后\"}", "/content differs: expected \"您好\", got \"稍后\"", 0.2)),
        3, List.of(), TRANSCRIPT);

    // when
    String text = FailureText.render("operator.2.1", failure);

    // then
    assertThat(text).isEqualTo("""
        operator.2.1 step 4 (expect, client alice) FAILED after 3 ms: the frame at alice does not match
          expected: {"content":"您好"} (other fields ignored)
          closest:  {"content":"您好!"}   /content differs: expected "您好", got "您好!"   (near 0.53)
                    (earlier) {"content":"稍后"}   /content differs: expected "您好", got "稍后"   (near 0.20)
          transcript: reports/candidate/operator.2.1.json""");
  }

  @Test
  void a_second_reply_says_so_before_the_silence_it_broke() {
    // given
    Failure failure = new Failure(Failure.Kind.MISMATCH, "3 (silence, client alice)", "a second reply arrived 0.1 ms"
        + " after the first (each text gets exactly one); alice received something during 500 ms of expected silence",
        "nothing for 500 ms", List.of(new Failure.Near("{\"content\":\"服务器回复:你好\"}", "", 0)), -1, List.of(),
        TRANSCRIPT);

    // when
    String text = FailureText.render("echo.1.1", failure);

    // then
    assertThat(text).isEqualTo("""
        echo.1.1 step 3 (silence, client alice) FAILED: a second reply arrived 0.1 ms after the first (each text \
        gets exactly one); alice received something during 500 ms of expected silence
          expected: nothing for 500 ms
          closest:  {"content":"服务器回复:你好"}
          transcript: reports/candidate/operator.2.1.json""");
  }

  @Test
  void a_crash_names_the_exit_the_frame_before_it_and_the_server_output() {
    // given
    Failure failure = new Failure(Failure.Kind.CRASH, "", "the server exited (code 1) 12 ms after this case sent a"
        + " frame with reserved opcode 0x3", "", List.of(), -1,
        List.of("server output (tail):", "  Error: Invalid WebSocket frame: invalid opcode 3"), TRANSCRIPT);

    // when
    String text = FailureText.render("robustness.2.2", failure);

    // then
    assertThat(text).isEqualTo("""
        robustness.2.2 FAILED: the server exited (code 1) 12 ms after this case sent a frame with reserved opcode 0x3
          server output (tail):
            Error: Invalid WebSocket frame: invalid opcode 3
          transcript: reports/candidate/operator.2.1.json""");
  }

  @Test
  void a_case_stopped_by_its_watchdog_names_the_step_that_was_running() {
    // given
    Failure failure = new Failure(Failure.Kind.STOPPED, "", "stopped after 30 s while step 4.500.1 (send, client slow)"
        + " was writing: the server stopped reading", "", List.of(), -1, List.of(), "");

    // when
    String text = FailureText.render("robustness.3.2", failure);

    // then
    assertThat(text).isEqualTo("robustness.3.2 FAILED: stopped after 30 s while step 4.500.1 (send, client slow) was"
        + " writing: the server stopped reading");
  }

  @Test
  void a_rerun_case_reports_why_it_ran_twice_after_its_failure() {
    // given
    Scenario scenario = Scenario.builder("echo.1.3").title("only the sender").expectation("only the sender")
        .steps(Steps.connect("alice")).build();
    CaseResult passed = new CaseResult(scenario, "seed-000", Verdict.PASSED, 1, Optional.empty(), List.of(), List.of(),
        "", "the shared server exited (code 1) 12 ms after robustness.2.2 sent a frame with reserved opcode 0x3 while"
        + " this case ran beside it", false);

    // when
    String text = FailureText.report(passed);

    // then
    assertThat(text).isEqualTo("rerun: the shared server exited (code 1) 12 ms after robustness.2.2 sent a frame with"
        + " reserved opcode 0x3 while this case ran beside it");
  }

  @Test
  void a_failure_known_only_as_text_is_printed_as_it_is() {
    // given
    Failure failure = Failure.of("operator.1.1 FAILED: something\n  detail");

    // when / then
    assertThat(FailureText.render("operator.1.1", failure)).isEqualTo("operator.1.1 FAILED: something\n  detail");
    assertThat(FailureText.headline("operator.1.1", failure)).isEqualTo("operator.1.1 FAILED: something");
  }
}

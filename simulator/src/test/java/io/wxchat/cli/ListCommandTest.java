package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.record.internal.Masks;
import io.wxchat.record.internal.Transcription;
import io.wxchat.record.internal.WireEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list}: a table with a header row, each case once, informational said once. */
class ListCommandTest {
  private static final String SCENARIOS = Path.of(System.getProperty("scenarios.dir", "../scenarios")).toString();

  @Test
  void list_has_a_header_row_and_counts_in_good_english() {
    // when
    CliErrorsTest.Outcome list = CliErrorsTest.sim("list", "--scenarios", SCENARIOS, "--case", "operator.1.1");
    // then
    List<String> lines = list.out().lines().toList();
    assertThat(list.exit()).isZero();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("ID +PROFILES +NEEDS +RULES +TITLE");
    assertThat(lines.get(1)).matches("operator\\.1\\.1 +operator +- +C2,O1,O2,O3 +The greeting gets the auto-reply");
    assertThat(lines.get(2)).isEqualTo("1 case");
  }

  @Test
  void an_informational_case_says_so_once() {
    CliErrorsTest.Outcome list = CliErrorsTest.sim("list", "--scenarios", SCENARIOS, "--case", "echo.2.1");
    assertThat(list.out()).containsOnlyOnce("(informational)");
  }

  @Test
  void without_a_scenarios_folder_the_suites_in_the_jar_are_listed() {
    // when: no --scenarios (the test runs in simulator/, which has no scenarios folder)
    CliErrorsTest.Outcome list = CliErrorsTest.sim("list");
    // then
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("operator.1.1").contains("echo.1.1");
  }

  @Test
  void list_load_says_in_words_why_each_newer_kind_of_step_keeps_a_file_from_loading() {
    // when
    CliErrorsTest.Outcome list = CliErrorsTest.sim("list", "--load", "--scenarios", SCENARIOS, "--case", "operator.2.4",
        "--case", "operator.3.7", "--case", "faults.1.1", "--case", "hardening.3.1");
    // then
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out().lines().toList()).containsExactly(
        "ID             LOAD",
        "faults.1.1     conformance only: fault: a wire fault needs the simulator's proxy between client and server",
        "hardening.3.1  conformance only: upgradeFlood: an upgrade request that never ends (bytes outside WebSocket framing)",
        "operator.2.4   conformance only: oneOf: a load check cannot pick a branch by the frame that arrives",
        "operator.3.7   conformance only: endOfInput closes the operator's console, which every virtual user shares",
        "4 cases");
  }

  @Test
  void list_load_says_a_recorded_session_with_pauses_loads(@TempDir Path dir) throws Exception {
    // given the file the recorder writes for a greeting, a pause and a close
    long ms = 1_000_000;
    Path file = Transcription.transcribe("recorded.chat", null, "ws://127.0.0.1:8080/", List.of(
        new WireEvent.Open(1, "/", Map.of(), List.of(), 101, 0),
        new WireEvent.Message(1, true, "你好", null, 300 * ms),
        new WireEvent.Message(1, false, """
            {"content":"[自动回复] : 请等待用户接入回复...","date":"2026-21-11 , 9:05 pm"}""", null, 305 * ms),
        new WireEvent.Close(1, true, 1000, "", 900 * ms)), new Masks(List.of())).writeTo(dir);
    assertThat(file).content().contains("- gap: ");
    // when
    CliErrorsTest.Outcome list = CliErrorsTest.sim("list", "--load", "--scenarios", file.toString());
    // then
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out().lines().toList()).containsExactly("ID             LOAD", "recorded.chat  load", "1 case");
  }
}

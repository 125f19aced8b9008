package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.cli.CliErrorsTest.Outcome;
import io.wxchat.session.ClientSessions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --max-frame}: a larger frame fails its case with its size and the bound; the bound is the run's own. */
class MaxFrameOptionTest {
  @TempDir
  Path work;

  @AfterEach
  void the_process_default_again() {
    ClientSessions.maxFrame(ClientSessions.DEFAULT_MAX_FRAME);
  }

  @Test
  void a_frame_over_max_frame_fails_its_case_naming_its_size_and_the_option() {
    // when: the echo of a 64 KiB text, read by clients that keep at most 4 KiB of a frame
    Outcome run = CliErrorsTest.sim("run", "--scenarios", CliErrorsTest.scenarios(), "--profile", "echo",
        "--case", "robustness.1.2", "--max-frame", "4k", "--report-dir", work.resolve("small").toString());
    // then
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED        robustness.1.2")
        .contains("close 1009 \"a 64.1 KiB frame arrived; frames are at most 64 KiB in this protocol"
            + " (the client keeps at most 4 KiB: --max-frame)\"");
  }

  @Test
  void the_next_run_without_the_option_reads_frames_up_to_the_default_again() {
    // given
    CliErrorsTest.sim("run", "--scenarios", CliErrorsTest.scenarios(), "--profile", "echo", "--case", "robustness.1.2",
        "--max-frame", "4k", "--report-dir", work.resolve("small").toString());
    // when
    Outcome run = CliErrorsTest.sim("run", "--scenarios", CliErrorsTest.scenarios(), "--profile", "echo",
        "--case", "robustness.1.2", "--report-dir", work.resolve("default").toString());
    // then
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(ClientSessions.maxFrame()).isEqualTo(ClientSessions.DEFAULT_MAX_FRAME);
  }

  @Test
  void a_max_frame_that_is_not_a_size_or_too_small_is_exit_2_saying_how_to_write_it() {
    Outcome notSize = CliErrorsTest.sim("run", "--scenarios", CliErrorsTest.scenarios(), "--max-frame", "1x",
        "--report-dir", work.resolve("r").toString());
    Outcome tooSmall = CliErrorsTest.sim("run", "--scenarios", CliErrorsTest.scenarios(), "--max-frame", "10",
        "--report-dir", work.resolve("r").toString());

    assertThat(notSize.exit()).isEqualTo(2);
    assertThat(notSize.err()).isEqualTo("wxchat-sim: --max-frame is not a size: \"1x\"; write it like 65536, 64k or 4m"
        + System.lineSeparator());
    assertThat(tooSmall.exit()).isEqualTo(2);
    assertThat(tooSmall.err()).isEqualTo("wxchat-sim: --max-frame must be at least 1 KiB: 10" + System.lineSeparator());
  }
}

package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What reaches the top of the command line unexpected is one line (a stack trace only with --verbose). */
class TopLevelErrorTest {
  private final StringWriter err = new StringWriter();

  private int fail(Exception e, String... args) {
    CommandLine cli = SimulatorCommand.commandLine().setErr(new PrintWriter(err, true));
    return SimulatorCommand.failed(e, cli, cli.parseArgs(args));
  }

  @Test
  void an_unexpected_failure_is_one_line_that_names_it_as_a_bug() {
    int exit = fail(new UncheckedIOException("disk full\nsecond line", new java.io.IOException("disk full")),
        "list");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("wxchat-sim: unexpected UncheckedIOException: disk full (a bug in the"
        + " simulator; please report it, run again with --verbose for the stack trace)" + System.lineSeparator());
  }

  @Test
  void an_unexpected_failure_without_a_message_still_says_what_it_was() {
    fail(new NullPointerException(), "list");

    assertThat(err.toString()).isEqualTo("wxchat-sim: unexpected NullPointerException (a bug in the simulator;"
        + " please report it, run again with --verbose for the stack trace)" + System.lineSeparator());
  }

  @Test
  void with_verbose_the_line_is_followed_by_the_stack_trace() {
    fail(new IllegalStateException("broken"), "run", "--verbose");

    assertThat(err.toString()).startsWith("wxchat-sim: unexpected IllegalStateException: broken (a bug in the"
        + " simulator; please report it)" + System.lineSeparator() + "java.lang.IllegalStateException: broken")
        .contains("\tat ");
  }

  @Test
  void a_bad_input_is_its_message_alone() {
    int exit = fail(new IllegalArgumentException("--port-ready must be in [0, 65535]: -1"), "list");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("wxchat-sim: --port-ready must be in [0, 65535]: -1" + System.lineSeparator());
  }
}

package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wxchat.scenario.Profile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdict must be trustworthy both ways: every deliberately broken variant of the Node server is
 * FAILED by at least one case, with a message that names its fault (or, for deviations the protocol
 * grades as details, NON_STRICT, which --strict turns into a failure).
 */

class BrokenServerIT {
  enum Grade { FAILED, NON_STRICT, INFORMATIONAL }

  record Fault(String name, Profile profile, Grade grade, String names) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Fault> faults() {
    Profile op = Profile.OPERATOR;
    Profile echo = Profile.ECHO;
    return Stream.of(
        new Fault("never-online", op, Grade.FAILED, "received something during"),
        new Fault("online-not-global", op, Grade.FAILED, "[自动回复]"),
        new Fault("push-needs-client", op, Grade.FAILED, "[自动回复]"),
        new Fault("push-to-last-only", op, Grade.FAILED, "nothing arrived"),
        new Fault("push-listener-per-connection", op, Grade.FAILED, "received something during"),
        new Fault("push-empty-lines", op, Grade.NON_STRICT, "pushed as an empty message and switched the server online (seed 002 does this, see D2)"),
        new Fault("untrimmed-push", op, Grade.FAILED, "got \"  \\t请稍等，我查一下 \\t \""),
        new Fault("ascii-trim", op, Grade.FAILED, "expected a string matching /请稍等/, got \"\uFEFF\u3000请稍等"),
        new Fault("lf-only-lines", op, Grade.FAILED, "第二行\\r第三行"),
        new Fault("exit-on-stdin-end", op, Grade.FAILED, "exited (code 0)"),
        new Fault("push-in-turn", op, Grade.FAILED, "nothing arrived at alice"),
        new Fault("push-chunks", op, Grade.NON_STRICT, "pushed as one message with a newline inside (seed 002 does this, see D3)"),
        new Fault("reply-twice", op, Grade.FAILED, "received something during"),
        new Fault("reply-twice", echo, Grade.FAILED, "received something during"),
        new Fault("auto-reply-to-all", op, Grade.FAILED, "received something during"),
        new Fault("auto-reply-to-all", echo, Grade.FAILED, "received something during"),
        new Fault("wrong-auto-reply-text", op, Grade.FAILED, "[自动回复] 请稍候"),
        new Fault("wrong-field", op, Grade.FAILED, "/content is missing"),
        new Fault("wrong-field", echo, Grade.FAILED, "/content is missing"),
        new Fault("missing-date", op, Grade.FAILED, "/date is missing"),
        new Fault("missing-date", echo, Grade.FAILED, "/timestamp is missing"),
        new Fault("extra-field", op, Grade.NON_STRICT, "/type is not a documented field"),
        new Fault("not-json", op, Grade.FAILED, "not JSON"),
        new Fault("not-json", echo, Grade.FAILED, "not JSON"),
        new Fault("reply-as-binary", op, Grade.FAILED, "a binary frame arrived"),
        new Fault("reply-as-binary", echo, Grade.FAILED, "a binary frame arrived"),
        new Fault("iso-date", op, Grade.NON_STRICT, "is a date, but not in the documented format"),
        new Fault("upper-case-ampm", op, Grade.NON_STRICT, "is a date, but not in the documented format"),
        new Fault("number-date", op, Grade.FAILED, "is a number; the protocol has a text"),
        new Fault("frozen-date", op, Grade.FAILED, "\"2026-21-11 , 9:05 pm\" is not the current time"),
        new Fault("day-month-swapped", op, Grade.FAILED, "has day and month swapped"),
        new Fault("time-zone-offset", op, Grade.NON_STRICT, "a server in another time zone (offset +5:30)"),
        new Fault("greet-on-connect", op, Grade.FAILED, "received something during"),
        new Fault("greet-on-connect", echo, Grade.FAILED, "received something during"),
        new Fault("close-on-greeting", op, Grade.FAILED, "the connection closed"),
        new Fault("close-on-greeting", echo, Grade.FAILED, "the connection closed"),
        new Fault("die-on-binary", op, Grade.FAILED, "the server exited (code 1)"),
        new Fault("die-on-binary", echo, Grade.FAILED, "the server exited (code 1)"),
        new Fault("answers-binary", op, Grade.FAILED, "received something during"),
        new Fault("crash-on-empty-text", op, Grade.FAILED, "the server exited (code 1)"),
        new Fault("crash-on-large-message", op, Grade.FAILED, "the server exited (code 1)"),
        new Fault("no-size-limit", op, Grade.INFORMATIONAL, "1009"),
        new Fault("skip-utf8-validation", op, Grade.FAILED, "1007"),
        new Fault("stops-after-100", op, Grade.FAILED, "nothing arrived"),
        new Fault("stops-after-100", echo, Grade.FAILED, "nothing arrived"),
        new Fault("slow-reply", op, Grade.FAILED, "nothing arrived"),
        new Fault("slow-reply", echo, Grade.FAILED, "nothing arrived"),
        new Fault("unordered-replies", echo, Grade.FAILED, "/content differs"),
        new Fault("plain-http-200", op, Grade.FAILED, "answered 200"),
        new Fault("plain-http-426", op, Grade.FAILED, "answered 426"),
        new Fault("refuses-query-string", op, Grade.FAILED, "cannot connect"),
        new Fault("refuses-query-string", echo, Grade.FAILED, "cannot connect"),
        new Fault("requires-origin", op, Grade.FAILED, "cannot connect"),
        new Fault("echo-drops-prefix", echo, Grade.FAILED, "/content differs"),
        new Fault("echo-fullwidth-colon", echo, Grade.NON_STRICT, "only in character width"),
        new Fault("echo-trims-text", echo, Grade.FAILED, "got \"服务器回复:前后有空格\""),
        new Fault("echo-24h-timestamp", echo, Grade.NON_STRICT, "is a date, but not in the documented format"))
        .filter(BrokenServerIT::selected);
  }

  /** {@code -Dbroken.faults=number-date,frozen-date} runs only those variants (the whole list takes minutes). */
  private static boolean selected(Fault fault) {
    String only = System.getProperty("broken.faults", "");
    return only.isBlank() || java.util.Arrays.asList(only.split(",")).contains(fault.name());
  }

  @TempDir
  Path reports;

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("faults")
  void every_broken_variant_is_caught_with_a_message_that_names_its_fault(Fault fault) throws Exception {
    LocalDate today = LocalDate.now();
    assumeTrue(!fault.name().equals("day-month-swapped") || today.getDayOfMonth() != today.getMonthValue(),
        "day and month are equal today: a swapped date reads the same");
    RunResult run = Suites.run(Suites.nodeServer(fault.profile(), fault.name()), fault.profile(), false, reports);

    TargetResult target = run.targets().get(0);
    String outcome = Suites.problems(run);
    switch (fault.grade()) {
      case FAILED -> {
        assertThat(target.count(Verdict.FAILED)).as("FAILED cases for %s:%n%s", fault, outcome).isPositive();
        assertThat(target.cases().stream().filter(c -> c.verdict() == Verdict.FAILED).map(CaseResult::failure)
            .collect(Collectors.joining("\n"))).as("a failure naming %s", fault).contains(fault.names());
      }
      case NON_STRICT -> {
        assertThat(target.count(Verdict.FAILED)).as("no FAILED case for %s:%n%s", fault, outcome).isZero();
        assertThat(target.cases().stream().filter(c -> c.verdict() == Verdict.NON_STRICT)
            .flatMap(c -> c.notes().stream()).collect(Collectors.joining("\n")))
            .as("a NON_STRICT note naming %s:%n%s", fault, outcome).contains(fault.names());
        assertThat(run.failed()).isZero();
        assertThat(new RunResult(run.targets(), run.started(), run.finished(), true).failed())
            .as("--strict fails it").isPositive();
      }
      case INFORMATIONAL -> assertThat(target.cases().stream().filter(c -> c.verdict() == Verdict.INFORMATIONAL)
          .flatMap(c -> c.notes().stream()).collect(Collectors.joining("\n")))
          .as("an informational note for %s:%n%s", fault, outcome).contains("would be FAILED");
    }
  }
}

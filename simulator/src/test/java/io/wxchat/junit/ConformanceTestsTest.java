package io.wxchat.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.scenario.Profile;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The JUnit 5 face: one dynamic test per case, the CLI's failure messages, skipped when unjudgeable. */
class ConformanceTestsTest {
  static final Path SCENARIOS = Path.of(System.getProperty("scenarios.dir", "../scenarios"));

  // the README's example, kept here so it cannot go stale
  @TestFactory
  Stream<DynamicTest> the_reference_server_speaks_the_wxchat_protocol() {
    return ConformanceTests.embedded(Profile.ECHO).scenarios(SCENARIOS).stream();
  }

  @Test
  void a_case_that_fails_throws_the_same_message_the_cli_prints() throws Throwable {
    // given: an echo server judged by the operator suite: every auto-reply expectation fails
    try (Stream<DynamicTest> tests = ConformanceTests.embedded(Profile.ECHO).profile(Profile.OPERATOR)
        .scenarios(SCENARIOS.resolve("operator")).stream()) {
      DynamicTest greeting = tests.filter(t -> t.getDisplayName().startsWith("operator.1.1 ")).findFirst().orElseThrow();
      // when / then
      assertThatThrownBy(() -> greeting.getExecutable().execute())
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageStartingWith("operator.1.1 step 3 (expect, client alice) FAILED after")
          .hasMessageContaining("expected:")
          .hasMessageContaining("transcript: target/wxchat-reports/reference/operator.1.1.json");
    }
  }

  @Test
  void a_case_the_target_cannot_run_is_skipped_not_failed() {
    try (Stream<DynamicTest> tests = ConformanceTests.against(java.net.URI.create("ws://127.0.0.1:9/"))
        .scenarios(SCENARIOS.resolve("operator")).stream()) {
      List<DynamicTest> all = tests.toList();
      DynamicTest needsOperator = all.stream().filter(t -> t.getDisplayName().startsWith("operator.2.1 ")).findFirst()
          .orElseThrow();
      assertThatThrownBy(() -> needsOperator.getExecutable().execute())
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("UNIMPLEMENTED: needs an operator driver");
      assertThat(all).hasSizeGreaterThan(5);
    }
  }
}

package io.wxchat.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.scenario.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The JUnit 5 face: one named dynamic test per case, the CLI's failure messages and reports, skipped when unjudgeable. */
class ConformanceTestsTest {
  static final Path SCENARIOS = Path.of(System.getProperty("scenarios.dir", "../scenarios"));

  @TempDir
  Path reports;

  @TestFactory
  Stream<DynamicTest> the_bundled_suites_pass_against_the_embedded_reference_server() {
    return ConformanceTests.embedded(Profile.OPERATOR).reportDir(reports).stream();
  }

  @Test
  void the_bundled_suites_are_the_scenarios_folder() {
    // when
    List<String> names;
    try (Stream<DynamicTest> tests = ConformanceTests.embedded(Profile.ECHO).stream()) {
      names = tests.map(DynamicTest::getDisplayName).toList();
    }
    // then
    assertThat(names).contains("echo.1.1 The greeting is echoed with the prefix and a timestamp")
        .hasSameSizeAs(io.wxchat.scenario.ScenarioFiles.loadAll(SCENARIOS).stream()
            .filter(s -> s.appliesTo(Profile.ECHO) && !s.optIn()).toList());
  }

  @Test
  void a_case_that_fails_throws_the_cli_s_message_and_its_transcript_exists() throws Throwable {
    // given: an echo server judged by the operator suite: every auto-reply expectation fails
    Path transcript;
    try (Stream<DynamicTest> tests = ConformanceTests.embedded(Profile.ECHO).profile(Profile.OPERATOR)
        .scenarios(SCENARIOS.resolve("operator")).reportDir(reports).stream()) {
      DynamicTest greeting = tests.filter(t -> t.getDisplayName().startsWith("operator.1.1 ")).findFirst().orElseThrow();
      // when
      AssertionFailedError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionFailedError.class,
          () -> greeting.getExecutable().execute());
      // then
      assertThat(failure).hasMessageStartingWith("operator.1.1 step 3 (expect, client alice) FAILED after")
          .hasMessageContaining("expected:")
          .hasMessageContaining("transcript: " + reports.resolve("reference").resolve("operator.1.1.json"));
      Matcher path = Pattern.compile("transcript: (\\S+)").matcher(failure.getMessage());
      assertThat(path.find()).isTrue();
      transcript = Path.of(path.group(1));
      assertThat(transcript).as("written when the case is judged, before the run ends").isRegularFile();
    }
    assertThat(transcript).isRegularFile();
    assertThat(reports.resolve("reference/junit.xml")).isRegularFile();
    assertThat(reports.resolve("reference/index.json")).isRegularFile();
    assertThat(reports.resolve("index.html")).isRegularFile();
  }

  @Test
  void a_case_the_target_cannot_run_is_skipped_with_the_reason_and_what_to_add() throws Exception {
    // given: a running server, and no operator driver for it
    try (io.wxchat.server.ReferenceServer server = io.wxchat.server.ReferenceServer.create(cfg -> cfg
        .mode(io.wxchat.server.Mode.OPERATOR)).start();
         Stream<DynamicTest> tests = ConformanceTests.against(server.uri())
             .scenarios(SCENARIOS.resolve("operator")).reportDir(reports).stream()) {
      List<DynamicTest> all = tests.toList();
      DynamicTest needsOperator = all.stream().filter(t -> t.getDisplayName().startsWith("operator.2.1 ")).findFirst()
          .orElseThrow();
      // when / then
      assertThatThrownBy(() -> needsOperator.getExecutable().execute())
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("UNIMPLEMENTED: needs an operator driver")
          .hasMessageContaining("in Java: ConformanceTests.launching(command, dir, 0)");
    }
  }

  @Test
  void a_case_that_needs_a_fresh_server_against_a_running_one_is_skipped_saying_how_to_get_one_in_java()
      throws Throwable {
    // given: a running server with an operator channel; the first operator case makes it online for good
    List<String> skipped = new java.util.ArrayList<>();
    try (io.wxchat.server.ReferenceServer server = io.wxchat.server.ReferenceServer.create(cfg -> cfg
        .mode(io.wxchat.server.Mode.OPERATOR).operatorToken("t")).start();
         Stream<DynamicTest> tests = ConformanceTests.against(server.uri(), "t")
             .scenarios(SCENARIOS.resolve("operator")).reportDir(reports).stream()) {
      // when
      for (DynamicTest test : tests.toList()) {
        try {
          test.getExecutable().execute();
        } catch (TestAbortedException e) {
          skipped.add(e.getMessage());
        }
      }
    }
    // then
    assertThat(skipped).isNotEmpty().allSatisfy(message -> assertThat(message)
        .contains(" UNIMPLEMENTED: needs a fresh (offline) server, but an earlier case made this one online")
        .endsWith("; in Java: ConformanceTests.launching(command, dir, 0) starts a fresh server for each such case,"
            + " embedded(profile) does so with the reference server")
        .doesNotContain("operator channel"));
  }

  @Test
  void an_unreachable_target_fails_each_test_with_the_reason() throws Exception {
    int closed;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort();
    }
    try (Stream<DynamicTest> tests = ConformanceTests.against(java.net.URI.create("ws://127.0.0.1:" + closed + "/"))
        .scenarios(SCENARIOS.resolve("echo")).profile(Profile.ECHO).reportDir(reports).stream()) {
      DynamicTest first = tests.findFirst().orElseThrow();
      assertThatThrownBy(() -> first.getExecutable().execute())
          .hasMessageStartingWith("target unreachable: cannot reach ws://127.0.0.1:" + closed + "/");
    }
    assertThat(Files.readString(reports.resolve("index.html"))).contains("target unreachable");
  }

  /** A recorded-style case whose path and text hold {TOKEN}, judged against the embedded echo server. */
  private static Path recordedCase(Path folder) throws Exception {
    Path file = folder.resolve("token.yaml");
    Files.writeString(file, """
        id: recorded.token
        title: The token reaches the server
        expectation: alice connects with the token and gets her line with it echoed
        rules: [E1]
        profiles: [echo]
        steps:
          - connect: {client: alice, path: "/?token={TOKEN}"}
          - send: {client: alice, text: "hi {TOKEN}"}
          - expect:
              client: alice
              message:
                jsonExactly:
                  content: {equalTo: "服务器回复:hi {TOKEN}"}
                  timestamp: {dateFormat: echo}
        """);
    return file;
  }

  @Test
  void a_variable_given_to_the_builder_fills_the_case_and_the_reports_show_its_name(@TempDir Path folder)
      throws Throwable {
    // given
    Path file = recordedCase(folder);
    // when
    try (Stream<DynamicTest> tests = ConformanceTests.embedded(Profile.ECHO).scenarios(file).reportDir(reports)
        .variable("TOKEN", "s3cret-value").environment(java.util.Map.of("TOKEN", "from-env")).stream()) {
      for (DynamicTest test : tests.toList()) {
        test.getExecutable().execute(); // then: it passes (the server echoed the value it was sent)
      }
    }
    // then
    String transcript = Files.readString(reports.resolve("reference/recorded.token.json"));
    assertThat(transcript).contains("hi {TOKEN}").doesNotContain("s3cret-value", "from-env");
  }

  @Test
  void without_a_builder_value_the_environment_fills_a_variable(@TempDir Path folder) throws Throwable {
    Path file = recordedCase(folder);
    try (Stream<DynamicTest> tests = ConformanceTests.embedded(Profile.ECHO).scenarios(file).reportDir(reports)
        .environment(java.util.Map.of("TOKEN", "from-env")).stream()) {
      for (DynamicTest test : tests.toList()) {
        test.getExecutable().execute();
      }
    }
    assertThat(Files.readString(reports.resolve("reference/recorded.token.json"))).doesNotContain("from-env");
  }

  @Test
  void a_variable_without_a_value_stops_the_suite_naming_the_file_and_both_ways_to_set_it(@TempDir Path folder)
      throws Exception {
    Path file = recordedCase(folder);

    assertThatThrownBy(() -> ConformanceTests.embedded(Profile.ECHO).scenarios(file).reportDir(reports)
        .environment(java.util.Map.of("TOKEN", "")).stream())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": {TOKEN} needs a value; call .variable(\"TOKEN\", VALUE) or set the environment variable"
            + " TOKEN (TOKEN is set but empty)");
  }
}

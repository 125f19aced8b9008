package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as users run it: exit codes are a contract, reports are written, errors are clear. */
class CliIT {
  @TempDir
  Path work;

  record Outcome(int exit, String out, String err) {
  }

  static Outcome sim(Path dir, String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("simulator.jar", "target/simulator.jar")).toAbsolutePath();
    assertThat(jar).as("build it with ./mvnw -pl simulator -am package").isRegularFile();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the simulator did not finish within 120 s");
    }
    return new Outcome(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  static Path scenarios() {
    return Path.of(System.getProperty("scenarios.dir", "../scenarios")).toAbsolutePath();
  }

  @Test
  void run_without_a_target_judges_the_embedded_reference_server_and_exits_0_with_reports() throws Exception {
    Outcome run = sim(work, "run", "--scenarios", scenarios().toString(), "--report-dir", "out", "--case", "operator.1");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).matches("\\d+ passed, 0 failed");
    assertThat(work.resolve("out/reference")).isDirectory();
    assertThat(work.resolve("out/index.html")).isRegularFile();
  }

  @Test
  void a_server_that_breaks_the_protocol_makes_the_run_exit_1() throws Exception {
    // given: a launched "server" that answers every handshake with HTTP 500
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path source = Files.writeString(work.resolve("Refuser.java"), """
        import java.net.*; import java.io.*;
        public class Refuser { public static void main(String[] a) throws Exception {
          try (ServerSocket s = new ServerSocket(Integer.parseInt(System.getenv("PORT")), 50, InetAddress.getLoopbackAddress())) {
            while (true) { try (Socket c = s.accept()) {
              c.getInputStream().read(new byte[4096]);
              c.getOutputStream().write("HTTP/1.1 500 Broken\\r\\nContent-Length: 0\\r\\n\\r\\n".getBytes()); } } } } }
        """);
    // when
    Outcome run = sim(work, "run", "--scenarios", scenarios().toString(), "--report-dir", "out", "--case", "operator.1.1",
        "--server-cmd", java + " " + source, "--port-ready", "0", "--name", "refuser");
    // then
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED", "cannot connect to ws://", "HTTP 500").endsWith("0 passed, 1 failed\n");
    assertThat(run.out()).as("said once").doesNotContain("cannot connect: cannot connect");
    assertThat(work.resolve("out/refuser/junit.xml")).isRegularFile();
  }

  @Test
  void a_run_stopped_midway_still_writes_the_reports_of_what_it_judged() throws Exception {
    Path jar = Path.of(System.getProperty("simulator.jar", "target/simulator.jar")).toAbsolutePath();
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "run", "--scenarios", scenarios().toString(), "--report-dir", "out", "--parallel", "1")
        .directory(work.toFile()).redirectErrorStream(true).start();
    try (java.io.BufferedReader lines = new java.io.BufferedReader(
        new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      // when: the first verdict is out, stop the run as Ctrl-C or a CI timeout would
      for (String line = lines.readLine(); line != null && !line.contains("PASSED"); line = lines.readLine()) {
        // wait for progress
      }
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    // then
    String index = Files.readString(work.resolve("out/index.html"), StandardCharsets.UTF_8);
    assertThat(index).contains("interrupted");
    assertThat(work.resolve("out/reference/junit.xml")).isRegularFile();
  }

  @Test
  void an_unreachable_target_exits_3_and_says_what_to_check() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    Outcome run = sim(work, "run", "--scenarios", scenarios().toString(), "--target", "ws://127.0.0.1:" + closedPort + "/");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("target unreachable: cannot reach ws://127.0.0.1:" + closedPort + "/")
        .contains("is the server running?").doesNotContain("\tat ");
  }

  @Test
  void a_bad_scenario_file_exits_2_naming_the_file_the_line_and_the_choices() throws Exception {
    Path bad = Files.writeString(work.resolve("bad.yaml"), """
        id: demo.1.1
        title: t
        expectation: e
        rules: [O3]
        steps:
          - connect: alice
          - expct: {client: alice, message: {any: true}}
        """);
    Outcome validate = sim(work, "validate", bad.toString());
    Outcome run = sim(work, "run", "--scenarios", bad.toString());

    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err()).contains(bad + ":7: at /steps/1: unknown step \"expct\"; expected one of [connect, send,");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("unknown step \"expct\"");
  }

  @Test
  void unknown_options_and_values_are_usage_errors_with_exit_2() throws Exception {
    Outcome option = sim(work, "run", "--targt", "ws://x/");
    Outcome profile = sim(work, "run", "--profile", "chat");

    assertThat(option.exit()).isEqualTo(2);
    assertThat(option.err()).contains("Unknown options: '--targt'");
    assertThat(profile.exit()).isEqualTo(2);
    assertThat(profile.err()).contains("unknown profile \"chat\"; expected one of [operator, echo]");
  }

  @Test
  void help_is_there_for_every_command() throws Exception {
    for (String command : List.of("run", "list", "validate")) {
      Outcome help = sim(work, command, "--help");
      assertThat(help.exit()).isZero();
      assertThat(help.out()).contains("Usage: wxchat-sim " + command);
    }
    Outcome top = sim(work, "--help");
    assertThat(top.out()).contains("run", "list", "validate", "Exit codes");
  }

  @Test
  void list_shows_every_case_with_its_rules() throws Exception {
    Outcome list = sim(work, "list", "--scenarios", scenarios().toString());
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("operator.1.1").contains("O3");
  }

  @Test
  void logs_stay_off_the_console_unless_verbose() throws Exception {
    // when
    Outcome quiet = sim(work, "run", "--scenarios", scenarios().toString(), "--report-dir", "out", "--case", "operator.1.1");
    Outcome verbose = sim(work, "run", "--scenarios", scenarios().toString(), "--report-dir", "out", "--case",
        "operator.1.1", "--verbose");
    // then
    assertThat(quiet.exit()).isZero();
    assertThat(quiet.err()).isEmpty();
    assertThat(quiet.out()).doesNotContain("SLF4J").doesNotContain("DEBUG");
    assertThat(verbose.exit()).isZero();
    assertThat(verbose.err()).contains("connected").doesNotContain("SLF4J");
  }
}

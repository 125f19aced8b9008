package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.wxchat.cli.SimulatorCommand;
import io.wxchat.conformance.HostileServers.Behaviour;
import io.wxchat.report.ReportWriter;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import io.wxchat.scenario.Steps;
import io.wxchat.session.Transcript;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.Target;
import io.wxchat.targets.TargetUnreachableException;
import io.wxchat.targets.UrlTarget;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile or dead server never hangs or crashes the harness, nor makes it hold more than its
 * bounds: each gets honest verdicts (or exit 3 at the start) in seconds, with reports a few MB at most.
 */
class HostileServerIT {
  private static final long REPORTS_LIMIT = 8L << 20;

  @TempDir
  Path reports;

  /** How a one-off hostile server treats each accepted connection. */
  interface Handler {
    void serve(Socket socket) throws IOException;
  }

  @Test
  void a_server_that_accepts_and_never_answers_the_handshake_fails_every_case_in_bounded_time() throws Exception {
    assertFailsEverything(socket -> {
      byte[] sink = new byte[4096];
      while (socket.getInputStream().read(sink) >= 0) {
        // read and never answer, until the client gives up
      }
    }, "no handshake within");
  }

  @Test
  void a_server_that_closes_right_after_the_handshake_fails_instead_of_crashing_the_run() throws Exception {
    assertFailsEverything(socket -> {
      HostileServers.answerUpgrade(socket);
      socket.close();
    }, "");
  }

  @Test
  void a_server_that_answers_with_garbage_frames_fails_instead_of_crashing_the_run() throws Exception {
    assertFailsEverything(socket -> {
      HostileServers.answerUpgrade(socket);
      byte[] garbage = new byte[64 * 1024];
      ThreadLocalRandom.current().nextBytes(garbage);
      socket.getOutputStream().write(garbage);
      socket.getInputStream().read(new byte[4096]);
    }, "");
  }

  @Test
  void endless_header_lines_after_the_101_end_each_connect_at_the_answer_size_bound() throws Exception {
    RunResult run = runAgainst(Behaviour.ENDLESS_HEADERS, operatorOne());

    assertAllFailed(run, "the server's upgrade answer has no end: more than 16 KiB of status line and headers");
  }

  @Test
  void an_upgrade_answer_dripped_a_byte_at_a_time_fails_each_connect_at_its_deadline() throws Exception {
    // a late connect is tried again alone: two cases are enough, each 5 s twice
    RunResult run = runAgainst(Behaviour.DRIPPED_UPGRADE, operatorOne().subList(0, 2));

    assertAllFailed(run, ": no complete upgrade answer within 5000 ms (");
    assertAllFailed(run, " bytes so far: \"HTTP/1.1 101 Switching Protocols\\r\\nX-Drip: one byte at a time");
    assertThat(run.targets().get(0).cases()).allSatisfy(c -> assertThat(c.durationNanos() / 1e9)
        .as(c.id() + ": the connect's 5 s deadline ends it, not the case's 30 s limit").isLessThan(20));
  }

  @Test
  void frames_forever_are_counted_not_kept_and_the_transcripts_stay_bounded() throws Exception {
    RunResult run = runAgainst(Behaviour.FRAMES_FOREVER, operatorOne());

    assertAllFailed(run, "");
    assertThat(run.targets().get(0).cases()).allSatisfy(c ->
        assertThat(c.transcript().size()).as(c.id()).isLessThanOrEqualTo(Transcript.MAX_EVENTS + 1));
  }

  @Test
  void frames_forever_fill_a_client_that_is_not_reading_and_the_verdict_names_that_bound() throws Exception {
    // given: alice reads nothing for 2 s (2,000 frames take the server milliseconds), then expects silence
    Scenario unread = unreadThenSilence(Steps.connect("alice"));

    RunResult run = runAgainst(Behaviour.FRAMES_FOREVER, List.of(unread));

    assertThat(onlyProblem(run)).isEqualTo("alice received something during 100 ms of expected silence"
        + " (alice's inbox filled: 2,000 frames unread; it stopped reading)");
  }

  @Test
  void a_100_mib_frame_is_not_buffered_and_fails_its_case_naming_its_size_and_the_protocol_bound() throws Exception {
    RunResult run = runAgainst(Behaviour.HUNDRED_MB_FRAME, operatorOne());

    assertAllFailed(run, "a 100 MiB frame arrived; frames are at most 64 KiB in this protocol");
    assertThat(run.targets().get(0).cases().get(0).transcript()).anySatisfy(e ->
        assertThat(e.payload()).startsWith("[text frame of 104857600 bytes, not kept; the first 32: 7b 22 63"));
  }

  @Test
  void ten_thousand_frames_per_reply_fail_the_case_in_seconds() throws Exception {
    RunResult run = runAgainst(Behaviour.TEN_THOUSAND_REPLIES, operatorOne());

    assertAllFailed(run, "");
  }

  @Test
  void ten_thousand_replies_to_a_client_that_is_not_reading_fail_naming_the_inbox_bound() throws Exception {
    Scenario unread = unreadThenSilence(Steps.connect("alice"), Steps.send("alice", "你好"));

    RunResult run = runAgainst(Behaviour.TEN_THOUSAND_REPLIES, List.of(unread));

    assertThat(onlyProblem(run)).isEqualTo("alice received something during 100 ms of expected silence"
        + " (alice's inbox filled: 2,000 frames unread; it stopped reading)");
  }

  @Test
  void a_server_that_stalls_after_the_handshake_fails_every_case_within_its_waits() throws Exception {
    RunResult run = runAgainst(Behaviour.STALL, operatorOne());

    assertAllFailed(run, "nothing arrived");
  }

  @Test
  void a_server_that_stops_reading_cannot_block_a_send_for_ever() throws Exception {
    // given: the slow-reader case writes 8 MB, far more than loopback buffers take
    List<Scenario> slowReader = Suites.all().stream().filter(s -> s.id().equals("robustness.3.2")).toList();

    long start = System.nanoTime();
    RunResult run = runAgainst(Behaviour.NEVER_READS, slowReader);

    assertThat((System.nanoTime() - start) / 1e9).as("well within the case's 30 s limit").isLessThan(20);
    assertAllFailed(run, "");
    assertThat(run.targets().get(0).cases().get(0).transcript()).anySatisfy(e ->
        assertThat(e.payload()).contains("within 5000 ms (it stopped reading); the client dropped the connection"));
  }

  @Test
  void a_refused_upgrade_says_what_the_server_answered() throws Exception {
    RunResult run = runAgainst(Behaviour.FORBIDDEN, operatorOne());

    assertAllFailed(run, "the upgrade was refused: HTTP 403 Forbidden");
  }

  @Test
  void a_web_page_is_not_a_websocket_server_and_the_run_stops_at_the_start() throws Exception {
    try (HostileServers server = HostileServers.start(Behaviour.HTML_PAGE, 0)) {
      assertThatThrownBy(() -> run(new UrlTarget(URI.create(server.uri()), null), operatorOne()))
          .isInstanceOf(TargetUnreachableException.class)
          .hasMessage(server.uri() + " answered HTTP 200 text/html, not a WebSocket upgrade");
    }
  }

  @Test
  void a_tcp_server_that_sends_garbage_is_exit_3_with_one_line_saying_what_answered() throws Exception {
    try (HostileServers server = HostileServers.start(Behaviour.GARBAGE, 0)) {
      // when
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
          .execute("run", "--scenarios", scenarios(), "--target", server.uri(), "--report-dir", reports.toString());

      // then
      assertThat(exit).as(out + "" + err).isEqualTo(3);
      assertThat(err.toString()).isEqualTo("wxchat-sim: target unreachable: " + server.uri()
          + " answered bytes that are not HTTP (\"\\x16\\x03\\x01\\x00\\xa5\\x01\\x00\\x00*\"), not a WebSocket upgrade\n");
    }
  }

  @Test
  void a_close_with_1002_at_once_fails_every_case_in_seconds() throws Exception {
    RunResult run = runAgainst(Behaviour.CLOSE_1002, operatorOne());

    assertAllFailed(run, "");
  }

  @Test
  void invalid_utf8_from_the_server_fails_the_connection_like_a_browser_does() throws Exception {
    RunResult run = runAgainst(Behaviour.INVALID_UTF8, operatorOne().subList(0, 1));

    assertAllFailed(run, "the server sent invalid UTF-8 in a text frame");
  }

  @Test
  void a_launched_server_printing_one_endless_line_keeps_a_bounded_log() throws Exception {
    // given
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = java + " -cp " + Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator
        + Path.of("target/classes").toAbsolutePath() + " "
        + HostileServers.class.getName() + " " + Behaviour.ENDLESS_LOG_LINE.id();
    Target target = new LaunchedTarget(command, null, 0, OperatorMode.STDIN, null, "endless-log");

    // when
    RunResult run = run(target, operatorOne().subList(0, 2));

    // then
    assertAllFailed(run, "");
    assertThat(run.targets().get(0).cases()).allSatisfy(c ->
        assertThat(c.serverLog().length()).as(c.id()).isBetween(1, 70 * 1024));
  }

  @Test
  void max_run_time_stops_the_run_writes_its_reports_and_says_which_bound_was_hit() throws Exception {
    try (HostileServers server = HostileServers.start(Behaviour.STALL, 0)) {
      // when
      StringWriter err = new StringWriter();
      long start = System.nanoTime();
      int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
          .setErr(new PrintWriter(err)).execute("run", "--scenarios", scenarios(), "--target", server.uri(),
              "--case", "operator.1", "--parallel", "1", "--max-run-time", "3s", "--report-dir", reports.toString());

      // then
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
      assertThat(exit).as(err.toString()).isEqualTo(1);
      assertThat(err.toString()).contains("wxchat-sim: stopped after 3s by --max-run-time 3s; ");
      assertThat(reports.resolve("index.html")).content().contains("stopped after 3s by --max-run-time 3s");
    }
  }

  @Test
  void the_header_flood_case_fails_a_server_that_dies_of_the_flood() throws Exception {
    CaseResult result = headerFloodAgainst(Behaviour.DIES_OF_LONG_HEADERS);

    assertThat(result.notes().get(0)).startsWith("informational; judged it would be FAILED")
        .contains("refused a new connection").contains("it did not survive the flood");
  }

  @Test
  void the_header_flood_case_fails_a_server_that_switches_protocols_before_the_headers_end() throws Exception {
    CaseResult result = headerFloodAgainst(Behaviour.SWITCHES_ON_LONG_HEADERS);

    assertThat(result.notes().get(0)).startsWith("informational; judged it would be FAILED")
        .contains("the server switched protocols (HTTP/1.1 101 Switching Protocols)");
  }

  @Test
  void a_header_flood_the_server_stops_reading_ends_at_its_bound_and_fails() throws Exception {
    Scenario flood = Scenario.builder("flood.unread").title("an unread flood").expectation("refused or closed")
        .profiles(Profile.OPERATOR).steps(new Step.UpgradeFlood("mallory", 16 << 20, Duration.ofSeconds(2))).build();
    try (HostileServers server = HostileServers.start(Behaviour.STOPS_READING_LONG_HEADERS, 0)) {
      // when: 16 MiB is more than loopback buffers take, so an unbounded write would block for ever
      long start = System.nanoTime();
      RunResult run = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> run(new UrlTarget(URI.create(server.uri()), null), List.of(flood)));

      // then
      CaseResult result = run.targets().get(0).cases().get(0);
      assertThat((System.nanoTime() - start) / 1e9).as("bounded by the step's 2 s").isLessThan(15);
      assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
      assertThat(result.failure()).contains("without answering or closing (it stopped reading them)");
    }
  }

  @Test
  void a_hostile_server_closes_every_connection_and_thread_it_opened() throws Exception {
    HostileServers server = HostileServers.start(Behaviour.NEVER_READS, 0);
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      client.setSoTimeout(5_000);
      client.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade"
          + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      while (head.indexOf("\r\n\r\n") < 0) {
        head.append((char) client.getInputStream().read());
      }
      assertThat(head).startsWith("HTTP/1.1 101");

      // when
      server.close();

      // then: the connection it held is closed (a read ends instead of timing out), and no thread is left
      assertThat(client.getInputStream().read()).isEqualTo(-1);
      assertThat(server.running()).isZero();
    }
  }

  private CaseResult headerFloodAgainst(Behaviour behaviour) throws Exception {
    List<Scenario> flood = Suites.suite("hardening").stream().filter(s -> s.id().equals("hardening.3.2")).toList();
    assertThat(flood).hasSize(1);
    try (HostileServers server = HostileServers.start(behaviour, 0)) {
      CaseResult result = run(new UrlTarget(URI.create(server.uri()), null), flood).targets().get(0).cases().get(0);
      assertThat(result.verdict()).isEqualTo(Verdict.INFORMATIONAL);
      return result;
    }
  }

  @Test
  void max_run_time_stops_a_case_that_runs_alone_after_the_rest_and_reports_what_was_judged(@TempDir Path cases)
      throws Exception {
    // given: a case that passes at once, then one that runs alone after it and waits 60 s for a reply
    Files.writeString(cases.resolve("quick.yaml"), """
        id: quick.1.1
        title: connects
        expectation: alice connects
        rules: [O1]
        profiles: [operator]
        steps:
          - connect: alice
        """);
    Files.writeString(cases.resolve("stuck.yaml"), """
        id: stuck.1.1
        title: waits long, alone
        expectation: alice is answered within 60 s
        rules: [O1]
        profiles: [operator]
        requires: [isolated]
        timeout: 90s
        steps:
          - connect: alice
          - send: {client: alice, text: hello}
          - expect: {client: alice, within: 60s, message: {json: {content: {equalTo: hello}}}}
        """);
    try (HostileServers server = HostileServers.start(Behaviour.STALL, 0)) {
      // when
      StringWriter err = new StringWriter();
      long start = System.nanoTime();
      int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
          .setErr(new PrintWriter(err)).execute("run", "--scenarios", cases.toString(), "--target", server.uri(),
              "--max-run-time", "3s", "--report-dir", reports.toString());

      // then: the case running alone is stopped too, and is not reported as judged
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(12);
      assertThat(exit).as(err.toString()).isEqualTo(1);
      assertThat(err.toString()).contains("wxchat-sim: stopped after 3s by --max-run-time 3s; 1 cases judged");
      assertThat(reports.resolve("index.html")).content().contains("stopped after 3s by --max-run-time 3s")
          .contains("quick.1.1").doesNotContain("stuck.1.1");
    }
  }

  private static List<Scenario> operatorOne() {
    return Suites.all().stream().filter(s -> s.id().startsWith("operator.1.")).toList();
  }

  private static String scenarios() {
    return Path.of(System.getProperty("scenarios.dir", "../scenarios")).toAbsolutePath().toString();
  }

  private RunResult runAgainst(Behaviour behaviour, List<Scenario> cases) throws Exception {
    try (HostileServers server = HostileServers.start(behaviour, 0)) {
      return run(new UrlTarget(URI.create(server.uri()), null), cases);
    }
  }

  /** Runs {@code cases}, writes the reports, and checks the run's time and the reports' size. */
  private RunResult run(Target target, List<Scenario> cases) throws Exception {
    long start = System.nanoTime();
    RunResult run = new ConformanceRunner(new RunOptions(Profile.OPERATOR, 8, false, reports)).run(List.of(target),
        cases, Progress.SILENT);
    ReportWriter.write(run, reports);

    assertThat((System.nanoTime() - start) / 1e9).as("the run ends in bounded time").isLessThan(45);
    assertThat(run.targets().get(0).cases()).hasSize(cases.size());
    try (Stream<Path> files = Files.walk(reports)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      assertThat(bytes).as("the reports stay a few MB").isPositive().isLessThan(REPORTS_LIMIT);
    }
    return run;
  }

  private static void assertAllFailed(RunResult run, String failureText) {
    TargetResult target = run.targets().get(0);
    assertThat(target.cases()).allSatisfy(c -> assertThat(c.verdict()).as(c.id() + ": " + c.failure())
        .isIn(Verdict.FAILED, Verdict.UNIMPLEMENTED));
    assertThat(target.count(Verdict.FAILED)).isPositive();
    assertThat(target.cases()).filteredOn(c -> c.verdict() == Verdict.FAILED)
        .allSatisfy(c -> assertThat(c.failure()).contains(failureText));
  }

  private void assertFailsEverything(Handler handler, String failureText) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> acceptForever(server, handler), "hostile-server");
      acceptor.setDaemon(true);
      acceptor.start();

      RunResult run = run(new UrlTarget(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/"), null),
          operatorOne());

      assertAllFailed(run, failureText);
    }
  }

  private static void acceptForever(ServerSocket server, Handler handler) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread thread = new Thread(() -> {
          try (socket) {
            handler.serve(socket);
          } catch (IOException ignored) {
            // the client gave up
          }
        }, "hostile-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** {@code first}, then 2 s in which alice reads nothing, then 100 ms of silence at alice. */
  private static Scenario unreadThenSilence(Step... first) {
    List<Step> steps = new ArrayList<>(List.of(first));
    steps.add(Steps.waitFor(Duration.ofSeconds(2)));
    steps.add(Steps.silence("alice", Duration.ofMillis(100)));
    return Scenario.builder("hostile.1.1").title("A client that is not reading").expectation("silence")
        .profiles(Profile.OPERATOR).steps(steps.toArray(Step[]::new)).build();
  }

  /** The problem (the failure's first line, after the step) of the run's one case, which FAILED. */
  private static String onlyProblem(RunResult run) {
    CaseResult only = run.targets().get(0).cases().get(0);
    assertThat(only.verdict()).as(only.failure()).isEqualTo(Verdict.FAILED);
    return only.problem().orElseThrow().problem();
  }
}

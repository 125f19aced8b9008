package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.session.ClientSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wxchat-sim record} and {@code proxy} as users run them: a real child process, real signals. */
class RecordCliIT {
  private static final Pattern LISTENING = Pattern.compile("(?:recording|proxy): (ws://\\S+) ->");
  private static final Duration LISTEN_BOUND = Duration.ofSeconds(30);

  @TempDir
  Path work;

  static List<String> java(String... args) {
    Path jar = Path.of(System.getProperty("simulator.jar", "target/simulator.jar")).toAbsolutePath();
    assertThat(jar).as("build it with ./mvnw -pl simulator -am package").isRegularFile();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }

  record Outcome(int exit, String out, String err) {
  }

  /**
   * A child's output, read line by line on a thread of its own (it ends with the child's output), so
   * waiting for a line is bounded and a failure shows everything the child printed.
   */
  static final class ChildOutput {
    private static final String END = new String("end of output");
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder seen = new StringBuilder();

    ChildOutput(Process child) {
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
        } catch (java.io.IOException ignored) {
          // the child is gone: what it printed is in the queue
        } finally {
          lines.add(END);
        }
      }, "child-output-" + child.pid());
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits at most {@code bound} for the line where the recorder or proxy says where it listens. */
    URI listening(Duration bound) throws InterruptedException {
      long deadline = System.nanoTime() + bound.toNanos();
      for (long left = bound.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        String line = lines.poll(left, TimeUnit.NANOSECONDS);
        if (line == null) {
          break;
        }
        if (line == END) {
          throw new AssertionError("the child ended its output without saying where it listens; it printed:\n" + seen);
        }
        seen.append(line).append('\n');
        Matcher match = LISTENING.matcher(line);
        if (match.find()) {
          return URI.create(match.group(1));
        }
      }
      throw new AssertionError("the child did not say where it listens within " + bound.toMillis() + " ms; it printed:\n"
          + seen);
    }
  }

  Outcome sim(String... args) throws Exception {
    Process process = new ProcessBuilder(java(args)).directory(work.toFile())
        .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the simulator did not finish within 60 s");
    }
    return new Outcome(process.exitValue(), Files.readString(work.resolve("out.txt")), Files.readString(work.resolve("err.txt")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void a_signal_mid_session_still_writes_the_recording(String signal) throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start()) {
      // given: a recording proxy with one client that greeted and got its auto-reply
      Process record = new ProcessBuilder(java("record", "--listen", "0", "--upstream", server.uri().toString(),
          "--out", "recorded", "--id", "recorded.signal")).directory(work.toFile()).redirectErrorStream(true).start();
      try {
        URI proxy = new ChildOutput(record).listening(LISTEN_BOUND);
        ClientSession alice = Clients.open(proxy, "alice");
        alice.send("你好");
        assertThat(Clients.text(alice)).contains("[自动回复]");
        // when: Ctrl-C (INT) or a CI's kill (TERM) while alice is still connected
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(record.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(record.waitFor(30, TimeUnit.SECONDS)).as("the recorder stopped").isTrue();
        alice.close();
      } finally {
        record.destroyForcibly();
      }
    }
    // then
    Path file = work.resolve("recorded/recorded.signal.yaml");
    Scenario scenario = ScenarioFiles.load(file);
    assertThat(scenario.expectation()).startsWith("1 client; alice sends 1 message and receives 1 frame");
  }

  @Test
  void a_busy_listen_port_exits_2_in_one_line() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start();
         ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Outcome run = sim("proxy", "--listen", String.valueOf(busy.getLocalPort()), "--upstream", server.uri().toString());

      assertThat(run.exit()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).isEqualTo("wxchat-sim: cannot listen on 127.0.0.1:" + busy.getLocalPort()
          + ": the port is in use; choose another with --listen\n");
    }
  }

  @Test
  void an_unreachable_upstream_exits_3_in_one_line() throws Exception {
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort();
    }
    Outcome run = sim("record", "--listen", "0", "--upstream", "ws://127.0.0.1:" + closed + "/", "--out", "rec");

    assertThat(run.exit()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).startsWith("wxchat-sim: upstream unreachable: cannot reach ws://127.0.0.1:" + closed + "/")
        .endsWith("is the server running?\n").hasLineCount(1);
  }

  @Test
  void an_upstream_that_is_not_websocket_exits_2_in_one_line() throws Exception {
    try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket client = http.accept()) {
          client.getInputStream().read(new byte[4096]);
          client.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII));
        } catch (Exception ignored) {
          // the test reads the simulator's verdict
        }
      });
      answer.start();
      Outcome run = sim("proxy", "--listen", "0", "--upstream", "ws://127.0.0.1:" + http.getLocalPort() + "/");

      assertThat(run.exit()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).isEqualTo("wxchat-sim: ws://127.0.0.1:" + http.getLocalPort() + "/ is not a WebSocket"
          + " server: it answered \"HTTP/1.1 200 OK\" to an upgrade request; check the --upstream URL\n");
      answer.join(10_000);
    }
  }

  @Test
  void a_fault_that_does_not_parse_exits_2_naming_the_choices() throws Exception {
    Outcome run = sim("proxy", "--listen", "0", "--upstream", "ws://127.0.0.1:1/", "--fault", "latency=200ms,lag=5");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("wxchat-sim: --fault latency=200ms,lag=5: unknown fault \"lag\"; expected one of "
        + io.wxchat.scenario.WireFault.KEYS + "\n");
  }

  @Test
  void an_out_folder_that_is_not_writable_exits_2_in_one_line() throws Exception {
    Files.writeString(work.resolve("a-file"), "not a folder");
    Outcome run = sim("record", "--listen", "0", "--upstream", "ws://127.0.0.1:1/", "--out", "a-file/recorded");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("wxchat-sim: --out a-file/recorded is not writable (")
        .endsWith("); choose a folder you can write to\n").hasLineCount(1);
  }

  @Test
  void import_writes_the_devtools_session_and_a_wrong_file_exits_2_in_one_line() throws Exception {
    // when
    Outcome imported = sim("import", HarImportTest.fixture().toString(), "--out", "imported");
    Files.writeString(work.resolve("notes.har"), "not json");
    Outcome wrong = sim("import", "notes.har", "--out", "imported");
    // then
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(ScenarioFiles.load(work.resolve("imported/imported.devtools-session.yaml")).id())
        .isEqualTo("imported.devtools-session");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).startsWith("wxchat-sim: notes.har:1: not a HAR file (").hasLineCount(1);
  }

  @Test
  void with_server_cmd_a_line_typed_on_the_console_reaches_the_server_and_is_recorded_exactly() throws Exception {
    // given: the recorder launches the Node server itself, its console forwarding to the server's stdin
    Path node = Path.of(System.getProperty("node.server.dir", "src/test/node/chat-server")).toAbsolutePath();
    Process record = new ProcessBuilder(java("record", "--listen", "0", "--server-cmd", "node server.js --port {port}",
        "--server-dir", node.toString(), "--port-ready", "0", "--out", "recorded", "--id", "recorded.typed"))
        .directory(work.toFile()).redirectErrorStream(true).start();
    try {
      URI proxy = new ChildOutput(record).listening(LISTEN_BOUND);
      ClientSession alice = Clients.open(proxy, "alice");
      alice.send("你好");
      assertThat(Clients.text(alice)).contains("[自动回复]");
      // when: the operator types a line on the recorder's console
      record.getOutputStream().write("您好，客服在线\n".getBytes(StandardCharsets.UTF_8));
      record.getOutputStream().flush();
      assertThat(Clients.text(alice)).contains("您好，客服在线");
      alice.close(1000);
      Clients.next(alice);
      record.destroy();
      assertThat(record.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      record.destroyForcibly();
    }
    // then
    Path file = work.resolve("recorded/recorded.typed.yaml");
    Scenario scenario = ScenarioFiles.load(file);
    assertThat(scenario.steps()).contains(new io.wxchat.scenario.Step.OperatorSays("您好，客服在线"));
    assertThat(scenario.expectation()).contains("the operator pushes 1 line.").doesNotContain("inferred");
    assertThat(Files.readString(file)).doesNotContain("# Inferred");
  }

  @Test
  void the_end_of_duration_stops_the_recorder_with_exit_0() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start()) {
      Outcome run = sim("record", "--listen", "0", "--upstream", server.uri().toString(), "--out", "rec", "--duration", "1s");

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).endsWith("nothing recorded: no client connected through the proxy\n");
    }
  }

  @Test
  void waiting_for_a_child_that_never_says_where_it_listens_fails_in_bounded_time_with_its_output() throws Exception {
    // given: a child that prints one line, then stays silent for longer than the wait
    Process silent = new ProcessBuilder("sh", "-c", "echo starting up; exec sleep 60").redirectErrorStream(true).start();
    try {
      long start = System.nanoTime();
      // when
      AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
          () -> new ChildOutput(silent).listening(Duration.ofMillis(500)));
      // then
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(failure).hasMessage("the child did not say where it listens within 500 ms; it printed:\nstarting up\n");
    } finally {
      silent.destroyForcibly();
      assertThat(silent.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}

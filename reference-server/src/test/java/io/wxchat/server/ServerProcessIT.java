package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServerProcessIT {
  @Test
  void a_console_line_reaches_every_client_and_switches_the_server_online() throws Exception {
    try (ServerProcess server = ServerProcess.start("--port", "0")) {
      URI uri = server.awaitListening();
      try (RecordingClient alice = RecordingClient.connect(uri);
           RecordingClient bob = RecordingClient.connect(uri)) {
        alice.send("你好");
        assertThat(alice.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
        // when
        server.typeLine("");          // ignored: the seed would push an empty message
        server.typeLine("客服：您好");
        // then
        assertThat(alice.takeJson().get("content").asText()).isEqualTo("客服：您好");
        assertThat(bob.takeJson().get("content").asText()).isEqualTo("客服：您好");
        bob.send("在吗");
        bob.assertNoMore(ChatProtocolIT.QUIET);
      }
    }
  }

  @Test
  void end_of_stdin_does_not_stop_the_server() throws Exception {
    try (ServerProcess server = ServerProcess.start("--port", "0")) {
      URI uri = server.awaitListening();
      server.stdin().close();
      try (RecordingClient client = RecordingClient.connect(uri)) {
        client.send("你好");
        assertThat(client.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
      }
    }
  }

  @Test
  void sigterm_closes_clients_with_1001_and_exits_0() throws Exception {
    try (ServerProcess server = ServerProcess.start("--port", "0", "--mode", "echo")) {
      answersThenEndsOnSigterm(server, server.awaitListening());
    }
  }

  /** An echo client is answered; then SIGTERM closes it with 1001 and the process exits 0. */
  private static void answersThenEndsOnSigterm(ServerProcess server, URI uri) throws Exception {
    try (RecordingClient client = RecordingClient.connect(uri)) {
      client.send("ping");
      assertThat(client.takeJson().get("content").asText()).isEqualTo("服务器回复:ping");
      // when: SIGTERM, which reaches the JVM itself (for the launcher too: it execs java)
      server.sigterm();
      // then
      assertThat(client.takeClose()).isEqualTo(1001);
      assertThat(server.awaitExit(10)).isZero();
    }
  }

  @Test
  void the_launcher_becomes_the_server_with_gc_time_ratio_1_then_your_options() throws Exception {
    try (ServerProcess server = ServerProcess.launched("-Xmx200m -Dwxchat.probe=1", "--port", "0", "--mode", "echo")) {
      URI uri = server.awaitListening();
      // then: the launcher's shell is gone (exec), the JVM has its option first and yours after it
      List<String> line = server.commandLine();
      assertThat(line.get(0)).as(String.join(" ", line)).endsWith("java");
      assertThat(line).as("the JVM's command line").containsSubsequence(
          "-XX:GCTimeRatio=1", "-Xmx200m", "-Dwxchat.probe=1", "-jar", "--port", "0");
      answersThenEndsOnSigterm(server, uri);
    }
  }

  @Test
  void clients_that_do_not_read_are_closed_before_their_queues_together_exhaust_the_heap() throws Exception {
    // given: a heap (64 MiB) far smaller than eight clients' outgoing bounds (16 MiB each, X9) together
    try (ServerProcess server = ServerProcess.startWithJvmOptions(List.of("-Xmx64m"), "--port", "0", "--mode", "echo")) {
      URI uri = server.awaitListening();
      byte[] text = "回".repeat(20_000).getBytes(StandardCharsets.UTF_8); // 60 KB, under the 64 KiB limit
      ExecutorService clients = Executors.newFixedThreadPool(8);
      try {
        // when: eight clients send texts and never read the echoes
        List<Future<Boolean>> floods = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          floods.add(clients.submit(() -> floodWithoutReading(uri, text)));
        }
        for (Future<Boolean> flood : floods) {
          flood.get(90, TimeUnit.SECONDS); // once closed, the rest of a flood is read and dropped
        }
        // then: each was closed for not reading, the server stays up and answers a reader
        assertThat(server.isRunning()).as(server.stderr()).isTrue();
        try (RecordingClient reader = RecordingClient.connect(uri)) {
          reader.send("ping");
          assertThat(reader.takeJson().get("content").asText()).isEqualTo("服务器回复:ping");
        }
        assertThat(Pattern.compile("closing #\\d+ \\S+: not reading").matcher(server.stderr()).results().count())
            .as(server.stderr()).isEqualTo(8);
        assertThat(server.stderr()).contains("all clients' unsent frames pass 16 MiB")
            .doesNotContain("OutOfMemoryError");
      } finally {
        clients.shutdownNow();
      }
    }
  }

  @Test
  void running_out_of_heap_ends_the_process_with_3_and_one_line_instead_of_a_dead_listener() throws Exception {
    // given: a heap (40 MiB) smaller than what 1,000 connections in the middle of a 63 KiB message hold
    try (ServerProcess server = ServerProcess.startWithJvmOptions(List.of("-Xmx40m"), "--port", "0", "--mode", "echo")) {
      URI uri = server.awaitListening();
      byte[] header = {(byte) 0x81, (byte) (0x80 | 126), (byte) 0xFC, 0x00, 1, 2, 3, 4}; // text, 64,512 bytes, masked
      byte[] part = new byte[60_000];
      List<RawConnection> partial = new ArrayList<>();
      try {
        // when: each sends all of its message but the end, and holds it
        for (int i = 0; i < 1_000 && server.isRunning(); i++) {
          RawConnection raw = RawConnection.upgraded(uri, "/");
          partial.add(raw);
          raw.write(header);
          raw.write(part);
        }
      } catch (IOException refusedOrGone) {
        // the server exited (or could not take one more): what it printed says which
      } finally {
        for (RawConnection raw : partial) {
          try {
            raw.close();
          } catch (IOException alreadyGone) {
            // the server is gone
          }
        }
      }
      // then
      int exit = server.awaitExit(60);
      assertThat(exit).as(server.stderr()).isEqualTo(3);
      assertThat(server.stderr()).containsPattern("reference-server: (java.lang.OutOfMemoryError|fatal JVM error)"
          + ".*; exiting with 3 so that a supervisor can restart the server");
    }
  }

  /** Sends texts until the connection fails, never reading a reply; true if the connection ended. */
  private static boolean floodWithoutReading(URI uri, byte[] text) {
    try (RawConnection raw = RawConnection.upgraded(uri, "/")) {
      for (int i = 0; i < 2_000 && !Thread.currentThread().isInterrupted(); i++) {
        raw.sendFrame(1, text);
      }
      return false;
    } catch (IOException ended) {
      return true; // the server closed this client (not reading) or exited
    }
  }

  @Test
  void a_port_in_use_is_a_clear_error_with_exit_code_1() throws Exception {
    try (ServerSocket holder = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
         ServerProcess server = ServerProcess.start("--port", String.valueOf(holder.getLocalPort()))) {
      assertThat(server.awaitExit(15)).isEqualTo(1);
      assertThat(server.stderr()).contains("cannot listen on 127.0.0.1:" + holder.getLocalPort())
          .contains("choose another with --port")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void an_unknown_mode_is_a_usage_error_that_names_the_choices() throws Exception {
    try (ServerProcess server = ServerProcess.start("--mode", "chat")) {
      assertThat(server.awaitExit(15)).isEqualTo(2);
      assertThat(server.stderr()).contains("unknown mode \"chat\"; expected one of [operator, echo]");
    }
  }

  @Test
  void help_lists_the_options_and_exits_0() throws Exception {
    try (ServerProcess server = ServerProcess.start("--help")) {
      assertThat(server.awaitExit(15)).isZero();
      StringBuilder usage = new StringBuilder();
      for (String line = server.nextLine(5); !line.equals("\u0000EOF"); line = server.nextLine(5)) {
        usage.append(line).append('\n');
      }
      assertThat(usage).contains("--port", "--host", "--mode", "--operator-token", "--tls-cert", "Exit codes");
    }
  }
}

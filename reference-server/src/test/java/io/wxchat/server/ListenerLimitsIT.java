package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server process under a low file limit, and its console on a FIFO. */
class ListenerLimitsIT {
  @Test
  void the_listener_survives_accept_failing_with_too_many_open_files() throws Exception {
    // given: 256 files, none kept free, so accept() must fail
    try (ServerProcess server = ServerProcess.startInShell(
        "ulimit -n 256; export JAVA_TOOL_OPTIONS=-Dwxchat.server.fileHeadroom=0;", "--port", "0")) {
      URI uri = server.awaitListening();
      List<RawConnection> flood = new ArrayList<>();
      try {
        for (int i = 0; i < 300; i++) {
          flood.add(RawConnection.open(uri)); // the backlog takes them even when accept() fails
        }
        server.awaitLog("accept() failed: Too many open files", 10);
      } finally {
        for (RawConnection raw : flood) {
          raw.close();
        }
      }
      // then: once files are free again, new clients are served
      try (RecordingClient client = RecordingClient.connectWithin(uri, java.time.Duration.ofSeconds(10))) {
        client.send("你好");
        assertThat(client.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
      }
    }
  }

  @Test
  void the_default_connection_limit_stays_under_the_file_limit_and_says_so() throws Exception {
    try (ServerProcess server = ServerProcess.startInShell("ulimit -n 1000;", "--port", "0")) {
      server.awaitListening();
      server.awaitLog("file limit 1000: at most 936 connections, upgraded or not (--max-connections 15000 lowered", 5);
    }
  }

  @Test
  void the_console_reads_a_fifo_again_after_its_writer_closed_it(@TempDir Path dir) throws Exception {
    // given
    Path fifo = dir.resolve("operator");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    try (ServerProcess server = ServerProcess.startInShell("exec < '" + fifo + "';", "--port", "0")) {
      writeToFifo(fifo, "first");
      URI uri = server.awaitListening();
      try (RecordingClient client = RecordingClient.connect(uri)) {
        // when: a second writer after the first closed the FIFO
        writeToFifo(fifo, "客服：第二行");
        // then
        assertThat(client.takeJson().get("content").asText()).isEqualTo("客服：第二行");
      }
    }
  }

  private static void writeToFifo(Path fifo, String line) throws Exception {
    Process echo = new ProcessBuilder("bash", "-c", "echo '" + line + "' > '" + fifo + "'").start();
    assertThat(echo.waitFor(10, TimeUnit.SECONDS)).as("echo into the FIFO finished").isTrue();
  }
}

package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.targets.UrlTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile or dead server never hangs or crashes the harness: it gets FAILED verdicts, in bounded time. */
class HostileServerIT {
  @TempDir
  Path reports;

  /** How a hostile server treats each accepted connection. */
  interface Behaviour {
    void serve(Socket socket) throws IOException;
  }

  @Test
  void a_server_that_accepts_and_never_answers_the_handshake_fails_every_case_in_bounded_time() throws Exception {
    assertFailsEverything(socket -> {
      byte[] sink = new byte[4096];
      while (socket.getInputStream().read(sink) >= 0) {
        // read and never answer, until the client gives up
      }
    });
  }

  @Test
  void a_server_that_closes_right_after_the_handshake_fails_instead_of_crashing_the_run() throws Exception {
    assertFailsEverything(socket -> {
      upgrade(socket);
      socket.close();
    });
  }

  @Test
  void a_server_that_answers_with_garbage_frames_fails_instead_of_crashing_the_run() throws Exception {
    assertFailsEverything(socket -> {
      upgrade(socket);
      byte[] garbage = new byte[64 * 1024];
      ThreadLocalRandom.current().nextBytes(garbage);
      socket.getOutputStream().write(garbage);
      socket.getInputStream().read(new byte[4096]);
    });
  }

  private void assertFailsEverything(Behaviour behaviour) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> acceptForever(server, behaviour), "hostile-server");
      acceptor.setDaemon(true);
      acceptor.start();
      List<Scenario> cases = Suites.all().stream().filter(s -> s.id().startsWith("operator.1.")).toList();
      RunOptions options = new RunOptions(Profile.OPERATOR, 8, false, reports);
      long start = System.nanoTime();

      RunResult run = new ConformanceRunner(options).run(
          List.of(new UrlTarget(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/"), null)), cases,
          Progress.SILENT);

      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertThat(seconds).as("the run ends in bounded time").isLessThan(60);
      TargetResult target = run.targets().get(0);
      assertThat(target.cases()).hasSize(cases.size());
      assertThat(target.cases()).allSatisfy(c -> assertThat(c.verdict()).as(c.id()).isIn(Verdict.FAILED, Verdict.UNIMPLEMENTED));
      assertThat(target.count(Verdict.FAILED)).isPositive();
    }
  }

  private static void acceptForever(ServerSocket server, Behaviour behaviour) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread handler = new Thread(() -> {
          try (socket) {
            behaviour.serve(socket);
          } catch (IOException ignored) {
            // the client gave up
          }
        }, "hostile-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key: *(\\S+)", Pattern.CASE_INSENSITIVE);

  /** Reads the request head and answers a valid 101, so the client believes it is connected. */
  private static void upgrade(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client left during the handshake");
      }
      head.append((char) b);
    }
    Matcher key = KEY.matcher(head);
    if (!key.find()) {
      throw new IOException("no Sec-WebSocket-Key");
    }
    String accept;
    try {
      accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
          (key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
  }
}

package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.session.internal.Upgrade;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeadedRequestTest {
  private static final Map<String, String> H2C = new LinkedHashMap<>(Map.of("Connection", "Upgrade"));

  static {
    H2C.put("Upgrade", "h2c");
  }

  @Test
  void the_headers_java_s_http_client_refuses_go_out_as_given_and_the_status_comes_back() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // given a server that answers 404 to whatever it is asked, keeping what it was asked
      CompletableFuture<String> asked = CompletableFuture.supplyAsync(() -> {
        try (Socket peer = server.accept()) {
          String head = head(peer.getInputStream());
          peer.getOutputStream().write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          return head;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // when
      Upgrade.Answer answer = HeadedRequest.send(uri(server), null, "GET", "/", H2C, Duration.ofSeconds(5));
      // then
      assertThat(answer.status()).isEqualTo(404);
      assertThat(asked.get(5, TimeUnit.SECONDS)).startsWith("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort())
          .contains("\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n").doesNotContain("Connection: close");
    }
  }

  @Test
  void a_server_that_never_answers_is_late_after_the_timeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // given a server that accepts the connection (the backlog) and never writes
      // when / then
      assertThatThrownBy(() -> HeadedRequest.send(uri(server), null, "GET", "/", H2C, Duration.ofMillis(300)))
          .isInstanceOf(HeadedRequest.Late.class).hasMessage("no answer within 300 ms");
    }
  }

  private static URI uri(ServerSocket server) {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
  }

  private static String head(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}

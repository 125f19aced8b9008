package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperatorChannelIT {
  private static final String TOKEN = "s3cret-令牌";
  private ReferenceServer server;

  @BeforeEach
  void start() {
    server = ReferenceServer.create(cfg -> cfg.operatorToken(TOKEN)).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void each_frame_on_the_channel_is_an_operator_line_pushed_to_every_client_and_acknowledged()
      throws InterruptedException {
    try (RecordingClient alice = RecordingClient.connect(server.uri());
         RecordingClient bob = RecordingClient.connect(server.uri());
         RecordingClient operator = RecordingClient.connect(server.operatorUri())) {
      // given: offline
      alice.send("你好");
      assertThat(alice.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
      // when
      operator.send("客服来了");
      // then
      assertThat(operator.takeText()).isEqualTo("{\"ok\":true,\"delivered\":2,\"online\":true}");
      assertThat(alice.takeJson().get("content").asText()).isEqualTo("客服来了");
      assertThat(bob.takeJson().get("content").asText()).isEqualTo("客服来了");
      alice.send("谢谢");
      alice.assertNoMore(ChatProtocolIT.QUIET);
      bob.assertNoMore(Duration.ZERO);
      operator.assertNoMore(Duration.ZERO);
    }
  }

  @Test
  void an_empty_line_on_the_channel_is_acknowledged_as_ignored() {
    try (RecordingClient operator = RecordingClient.connect(server.operatorUri())) {
      operator.send("  ");
      JsonNode ack = operator.takeJson();
      assertThat(ack.get("ok").asBoolean()).isFalse();
      assertThat(ack.get("error").asText()).isEqualTo("empty operator line ignored (rule O5)");
      assertThat(server.online()).isFalse();
    }
  }

  @Test
  void the_token_may_come_as_a_bearer_header() throws Exception {
    // HTTP headers are Latin-1: a token with other characters goes in the query, URL-encoded
    try (ReferenceServer ascii = ReferenceServer.create(cfg -> cfg.operatorToken("ascii-token")).start();
         RawConnection raw = RawConnection.open(ascii.uri())) {
      String status = raw.request(upgrade("/operator", "Authorization: Bearer ascii-token\r\n"));
      assertThat(status).startsWith("HTTP/1.1 101");
    }
  }

  @Test
  void a_wrong_token_is_refused_with_401() throws Exception {
    try (RawConnection raw = RawConnection.open(server.uri())) {
      assertThat(raw.request(upgrade("/operator?token=guess", ""))).isEqualTo("HTTP/1.1 401 Unauthorized");
    }
  }

  @Test
  void a_missing_token_is_refused_with_401() throws Exception {
    try (RawConnection raw = RawConnection.open(server.uri())) {
      assertThat(raw.request(upgrade("/operator", ""))).isEqualTo("HTTP/1.1 401 Unauthorized");
    }
  }

  @Test
  void without_a_configured_token_the_channel_is_off() throws Exception {
    try (ReferenceServer closed = ReferenceServer.create(cfg -> { }).start();
         RawConnection raw = RawConnection.open(closed.uri())) {
      assertThat(raw.request(upgrade("/operator?token=" + TOKEN, ""))).isEqualTo("HTTP/1.1 404 Not Found");
    }
  }

  @Test
  void the_operator_uri_carries_the_token_url_encoded() {
    URI uri = server.operatorUri();
    assertThat(uri.getRawQuery()).isEqualTo("token=s3cret-%E4%BB%A4%E7%89%8C");
  }

  static String upgrade(String path, String extraHeaders) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n" + extraHeaders + "\r\n";
  }
}

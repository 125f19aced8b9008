package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatProtocolIT {
  static final String AUTO_REPLY = "[自动回复] : 请等待用户接入回复...";
  static final String DATE = "\\d{4}-([1-9]|[12]\\d|3[01])-([1-9]|1[0-2]) , ([1-9]|1[0-2]):[0-5]\\d (am|pm)";
  static final Duration QUIET = Duration.ofMillis(300);

  private ReferenceServer server;
  private final List<RecordingClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start();
  }

  @AfterEach
  void stop() {
    clients.forEach(RecordingClient::close);
    server.close();
  }

  private RecordingClient connect() {
    RecordingClient client = RecordingClient.connect(server.uri());
    clients.add(client);
    return client;
  }

  @Test
  void greeting_gets_the_auto_reply_with_the_exact_content_and_a_documented_date() {
    // given
    RecordingClient client = connect();
    // when
    client.send("你好");
    // then
    JsonNode reply = client.takeJson();
    assertThat(reply.get("content").asText()).isEqualTo(AUTO_REPLY);
    assertThat(reply.get("date").asText()).matches(DATE);
    assertThat(reply.size()).as("fields of %s", reply).isEqualTo(2);
  }

  @Test
  void every_text_gets_its_own_auto_reply_while_offline() {
    RecordingClient client = connect();
    for (int i = 0; i < 3; i++) {
      client.send("消息 " + i);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(client.takeJson().get("content").asText()).isEqualTo(AUTO_REPLY);
    }
  }

  @Test
  void auto_replies_go_only_to_the_sender() throws InterruptedException {
    // given
    RecordingClient alice = connect();
    RecordingClient bob = connect();
    // when
    alice.send("你好");
    // then
    assertThat(alice.takeJson().get("content").asText()).isEqualTo(AUTO_REPLY);
    bob.assertNoMore(QUIET);
  }

  @Test
  void an_operator_line_reaches_every_client_once_and_stops_auto_replies_for_all() throws InterruptedException {
    // given
    RecordingClient alice = connect();
    RecordingClient bob = connect();
    // when
    int delivered = server.say("  您好，客服在线  ");
    // then
    assertThat(delivered).isEqualTo(2);
    for (RecordingClient client : List.of(alice, bob)) {
      JsonNode push = client.takeJson();
      assertThat(push.get("content").asText()).isEqualTo("您好，客服在线");
      assertThat(push.get("date").asText()).matches(DATE);
    }
    alice.send("还在吗");
    bob.send("hello");
    alice.assertNoMore(QUIET);
    bob.assertNoMore(Duration.ZERO);
    assertThat(server.online()).isTrue();
  }

  @Test
  void clients_that_connect_after_the_operator_spoke_get_no_auto_reply() throws InterruptedException {
    server.say("在线了");
    RecordingClient late = connect();
    late.send("你好");
    late.assertNoMore(QUIET);
  }

  @Test
  void blank_operator_lines_are_refused_and_keep_the_server_offline() {
    RecordingClient client = connect();
    assertThatThrownBy(() -> server.say("   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty operator line ignored (rule O5)");
    client.send("你好");
    assertThat(client.takeJson().get("content").asText()).isEqualTo(AUTO_REPLY);
  }

  @Test
  void binary_frames_get_no_reply_and_the_connection_stays_usable() throws InterruptedException {
    RecordingClient client = connect();
    client.sendBinary(new byte[] {1, 2, 3});
    client.assertNoMore(QUIET);
    client.send("你好");
    assertThat(client.takeJson().get("content").asText()).isEqualTo(AUTO_REPLY);
  }

  @Test
  void a_message_of_exactly_the_limit_is_answered_and_one_byte_more_closes_with_1009() {
    RecordingClient fits = connect();
    fits.send("a".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_BYTES));
    assertThat(fits.takeJson().get("content").asText()).isEqualTo(AUTO_REPLY);

    RecordingClient tooBig = connect();
    tooBig.send("a".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_BYTES + 1));
    assertThat(tooBig.takeClose()).isEqualTo(1009);
  }

  @Test
  void invalid_utf8_closes_with_1007() throws Exception {
    try (RawConnection raw = RawConnection.upgraded(server.uri(), "/")) {
      raw.sendFrame(0x1, new byte[] {(byte) 0xC3, (byte) 0x28});
      RawConnection.Frame frame = raw.readFrame();
      assertThat(frame.opcode()).isEqualTo(0x8);
      assertThat(frame.closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void plain_http_without_upgrade_gets_404() throws Exception {
    try (RawConnection raw = RawConnection.open(server.uri())) {
      String status = raw.request("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertThat(status).startsWith("HTTP/1.1 404");
    }
  }

  @Test
  void a_request_that_does_not_ask_for_websocket_gets_404_even_with_a_key() throws Exception {
    String key = "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n";
    for (String headers : List.of("Connection: Upgrade\r\n", "Connection: Upgrade\r\nUpgrade: h2c\r\n",
        "Upgrade: websocket\r\n")) {
      try (RawConnection raw = RawConnection.open(server.uri())) {
        String status = raw.request("GET / HTTP/1.1\r\nHost: localhost\r\n" + headers + key + "\r\n");
        assertThat(status).as(headers).startsWith("HTTP/1.1 404");
      }
    }
  }

  @Test
  void an_upgrade_on_another_path_gets_404() throws Exception {
    try (RawConnection raw = RawConnection.open(server.uri())) {
      String status = raw.request("GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n");
      assertThat(status).isEqualTo("HTTP/1.1 404 Not Found");
    }
  }

  @Test
  void garbage_instead_of_http_and_abrupt_disconnects_do_not_disturb_other_clients() throws Exception {
    // given
    RecordingClient bystander = connect();
    // when
    try (RawConnection garbage = RawConnection.open(server.uri())) {
      garbage.write(new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n', '\r', '\n'});
      assertThat(garbage.isClosedByServer()).isTrue();
    }
    RawConnection abrupt = RawConnection.upgraded(server.uri(), "/");
    abrupt.sendFrame(0x1, "你好".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    abrupt.close(); // no close frame, reply still in flight
    RawConnection halfOpen = RawConnection.open(server.uri());
    halfOpen.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    // then
    bystander.send("你好");
    assertThat(bystander.takeJson().get("content").asText()).isEqualTo(AUTO_REPLY);
    halfOpen.close();
  }

  @Test
  void a_connection_that_never_finishes_its_handshake_is_closed_after_the_timeout() throws Exception {
    try (ReferenceServer strict = ReferenceServer.create(cfg -> cfg.handshakeTimeoutMillis(200)).start();
         RawConnection halfOpen = RawConnection.open(strict.uri())) {
      halfOpen.write("GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(halfOpen.isClosedByServer()).isTrue();
    }
  }

  @Test
  void handshakes_beyond_the_connection_limit_get_503_and_the_others_keep_working() throws Exception {
    try (ReferenceServer small = ReferenceServer.create(cfg -> cfg.maxConnections(2)).start()) {
      RecordingClient first = RecordingClient.connect(small.uri());
      RecordingClient second = RecordingClient.connect(small.uri());
      clients.add(first);
      clients.add(second);
      try (RawConnection third = RawConnection.open(small.uri())) {
        String status = third.request("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n");
        assertThat(status).isEqualTo("HTTP/1.1 503 Service Unavailable");
        assertThat(third.isClosedByServer()).isTrue();
      }
      first.send("你好");
      assertThat(first.takeJson().get("content").asText()).isEqualTo(AUTO_REPLY);
    }
  }

  @Test
  void a_freed_slot_can_be_taken_again() {
    try (ReferenceServer small = ReferenceServer.create(cfg -> cfg.maxConnections(1)).start()) {
      RecordingClient first = RecordingClient.connect(small.uri());
      first.close();
      RecordingClient again = RecordingClient.connectWithin(small.uri(), Duration.ofSeconds(5));
      clients.add(again);
      again.send("你好");
      assertThat(again.takeJson().get("content").asText()).isEqualTo(AUTO_REPLY);
    }
  }
}

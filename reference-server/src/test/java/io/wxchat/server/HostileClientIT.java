package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One client breaking the rules or hoarding memory is closed with the right code; each bound once. */
class HostileClientIT {
  private static final int TEXT = 1;
  private static final int CONTINUATION = 0;
  private ReferenceServer server;

  @BeforeEach
  void start() {
    server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR).operatorToken("s3cret")).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fragments_count_against_the_message_limit_as_they_arrive() throws Exception {
    try (RawConnection raw = RawConnection.upgraded(server.uri(), "/")) {
      // given: 48 KiB in two fragments, no FIN yet
      raw.write(RawConnection.frame(false, TEXT, new byte[24 * 1024], true));
      raw.write(RawConnection.frame(false, CONTINUATION, new byte[24 * 1024], true));
      // when: the third fragment passes 64 KiB
      raw.write(RawConnection.frame(false, CONTINUATION, new byte[24 * 1024], true));
      // then: closed before any FIN
      assertThat(raw.readUntilClose(10)).isEqualTo(1009);
    }
  }

  @Test
  void a_message_of_too_many_empty_fragments_closes_with_1008() throws Exception {
    try (RawConnection raw = RawConnection.upgraded(server.uri(), "/")) {
      // given
      java.io.ByteArrayOutputStream flood = new java.io.ByteArrayOutputStream();
      flood.writeBytes(RawConnection.frame(false, TEXT, new byte[0], true));
      for (int i = 0; i < 1_100; i++) {
        flood.writeBytes(RawConnection.frame(false, CONTINUATION, new byte[0], true));
      }
      // when
      raw.write(flood.toByteArray());
      // then
      assertThat(raw.readUntilClose(10)).isEqualTo(1008);
    }
  }

  @Test
  void an_unmasked_client_frame_closes_with_1002() throws Exception {
    try (RawConnection raw = RawConnection.upgraded(server.uri(), "/")) {
      raw.write(RawConnection.frame(true, TEXT, "你好".getBytes(StandardCharsets.UTF_8), false));
      assertThat(raw.readUntilClose(10)).isEqualTo(1002);
    }
  }

  @Test
  void a_close_reason_that_is_not_utf8_closes_with_1007() throws Exception {
    try (RawConnection raw = RawConnection.upgraded(server.uri(), "/")) {
      raw.sendFrame(8, new byte[] {0x03, (byte) 0xe8, (byte) 0xff, (byte) 0xfe});
      assertThat(raw.readUntilClose(10)).isEqualTo(1007);
    }
  }

  @Test
  void a_ping_flood_closes_with_1008() throws Exception {
    try (RawConnection raw = RawConnection.upgraded(server.uri(), "/")) {
      // given
      java.io.ByteArrayOutputStream flood = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < 200; i++) {
        flood.writeBytes(RawConnection.frame(true, 9, new byte[] {1}, true));
      }
      // when
      raw.write(flood.toByteArray());
      // then: some pongs, then the close
      assertThat(raw.readUntilClose(250)).isEqualTo(1008);
    }
  }

  @Test
  void a_malformed_token_escape_is_refused_with_401() throws Exception {
    try (RawConnection raw = RawConnection.open(server.uri())) {
      String status = raw.request("GET /operator?token=%zz HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n");
      assertThat(status).isEqualTo("HTTP/1.1 401 Unauthorized");
    }
  }

  @Test
  void an_upgrade_request_over_8_kib_gets_431_and_is_closed() throws Exception {
    try (RawConnection raw = RawConnection.open(server.uri())) {
      // given
      StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
      for (int i = 0; head.length() < 9_000; i++) {
        head.append("X-Filler-").append(i).append(": ").append("a".repeat(50)).append("\r\n");
      }
      // when
      raw.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      // then: answered without the end of the headers
      assertThat(raw.request("")).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
      assertThat(raw.isClosedByServer()).isTrue();
    }
  }

  @Test
  void a_handshake_in_one_write_with_a_64_kib_message_behind_it_is_not_a_large_request() throws Exception {
    try (RawConnection raw = RawConnection.open(server.uri())) {
      // given
      java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
      both.writeBytes(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      both.writeBytes(RawConnection.frame(true, TEXT, "a".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8), true));
      // when
      raw.write(both.toByteArray());
      // then
      assertThat(raw.request("")).startsWith("HTTP/1.1 101 ");
      assertThat(raw.readFrame().text()).contains("自动回复");
    }
  }

  @Test
  void half_open_connections_count_against_the_connection_limit() throws Exception {
    try (ReferenceServer small = ReferenceServer.create(cfg -> cfg.maxConnections(2)).start();
         RawConnection first = RawConnection.open(small.uri());
         RawConnection second = RawConnection.open(small.uri());
         RawConnection third = RawConnection.open(small.uri())) {
      // then: the third is answered before it sends a byte
      assertThat(third.request("")).isEqualTo("HTTP/1.1 503 Service Unavailable");
      assertThat(third.isClosedByServer()).isTrue();
    }
  }
}

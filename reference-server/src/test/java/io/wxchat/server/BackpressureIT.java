package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the server queues for one client or for the operator is bounded; the others do not wait. */
class BackpressureIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_client_that_does_not_read_is_closed_and_the_others_are_served() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start();
         RawConnection hoarder = RawConnection.upgraded(server.uri(), "/");
         RecordingClient reader = RecordingClient.connect(server.uri())) {
      // given
      reader.send("你好");
      assertThat(reader.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
      String line = "客".repeat(20_000); // 60 KB in UTF-8
      // when: 36 MB pushed, more than the bound (16 MiB) plus what the kernel buffers
      for (int i = 0; i < 600; i++) {
        server.say(line);
        assertThat(reader.takeJson().get("content").asText()).hasSize(line.length());
      }
      // then
      assertThat(hoarder.isClosedByServer()).as("the hoarder's connection ends").isTrue();
      // the library closes the channel before it reports the close: wait for the count, bounded
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
      while (server.connectedClients() != 1 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      assertThat(server.connectedClients()).as("clients once the hoarder's close is processed").isEqualTo(1);
    }
  }

  @Test
  void a_flood_on_the_operator_channel_is_answered_with_ok_false_once_the_queue_is_full() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.operatorToken("t")).start()) {
      List<RawConnection> listeners = new ArrayList<>();
      try {
        for (int i = 0; i < 100; i++) {
          listeners.add(RawConnection.upgraded(server.uri(), "/"));
        }
        try (RawConnection operator = RawConnection.upgraded(server.uri(), "/operator?token=t")) {
          // given
          ByteArrayOutputStream flood = new ByteArrayOutputStream();
          for (int i = 0; i < 3_000; i++) {
            flood.writeBytes(RawConnection.frame(true, 1, ("line " + i).getBytes(StandardCharsets.UTF_8), true));
          }
          // when
          operator.write(flood.toByteArray());
          // then: every line answered, some refused
          int refused = 0;
          for (int i = 0; i < 3_000; i++) {
            JsonNode ack = JSON.readTree(operator.readFrame().text());
            if (!ack.get("ok").asBoolean()) {
              assertThat(ack.get("error").asText()).startsWith("operator queue full");
              refused++;
            }
          }
          assertThat(refused).isPositive();
        }
      } finally {
        for (RawConnection raw : listeners) {
          raw.close();
        }
      }
    }
  }
}

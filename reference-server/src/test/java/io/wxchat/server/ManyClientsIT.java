package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ManyClientsIT {
  private static final int CLIENTS = 1_000;
  // a field, not a local: the JDK closes an HttpClient's selector once the client is unreachable
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void a_thousand_clients_at_once_each_get_their_own_reply_and_one_push() {
    try (ReferenceServer server = ReferenceServer.create(cfg -> { }).start()) {
      // given
      List<CompletableFuture<RecordingClient>> connecting = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        connecting.add(RecordingClient.connectAsync(HTTP, server.uri()));
      }
      List<RecordingClient> clients = connecting.stream().map(CompletableFuture::join).toList();
      try {
        // when
        clients.forEach(client -> client.send("你好"));
        // then
        for (RecordingClient client : clients) {
          assertThat(client.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
        }
        assertThat(server.say("全体注意")).isEqualTo(CLIENTS);
        for (RecordingClient client : clients) {
          assertThat(client.takeJson().get("content").asText()).isEqualTo("全体注意");
        }
      } finally {
        clients.forEach(RecordingClient::close);
      }
    }
  }
}

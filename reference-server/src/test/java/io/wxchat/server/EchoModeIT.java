package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class EchoModeIT {
  @Test
  void every_text_is_echoed_with_the_prefix_and_a_timestamp() {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.ECHO)).start();
         RecordingClient client = RecordingClient.connect(server.uri())) {
      client.send("你好");
      client.send("{\"content\":\"json-looking\"}");
      JsonNode first = client.takeJson();
      assertThat(first.get("content").asText()).isEqualTo("服务器回复:你好");
      assertThat(first.get("timestamp").asText()).matches("([1-9]|1[0-2]):[0-5]\\d:[0-5]\\d (AM|PM)");
      assertThat(first.has("date")).isFalse();
      assertThat(client.takeJson().get("content").asText()).isEqualTo("服务器回复:{\"content\":\"json-looking\"}");
    }
  }

  @Test
  void echo_mode_has_no_operator() {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.ECHO)).start()) {
      assertThatThrownBy(() -> server.say("hi"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("echo mode has no operator; start the server with --mode operator");
    }
  }
}

package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void modes_parse_case_insensitively_and_an_unknown_one_names_the_choices() {
    assertThat(Mode.parse(" Echo ")).isEqualTo(Mode.ECHO);
    assertThatThrownBy(() -> Mode.parse("chat"))
        .hasMessage("unknown mode \"chat\"; expected one of [operator, echo]");
  }

  @Test
  void out_of_range_settings_name_the_rule_and_the_value() {
    assertThatThrownBy(() -> ServerConfig.builder().port(70_000))
        .hasMessage("port must be in [0, 65535]: 70000");
    assertThatThrownBy(() -> ServerConfig.builder().maxConnections(0))
        .hasMessage("max connections must be in [1, 2147483647]: 0");
    assertThatThrownBy(() -> ServerConfig.builder().operatorToken(" "))
        .hasMessage("operator token must not be blank; omit it to turn the channel off");
  }

  @Test
  void misuse_of_the_lifecycle_names_the_call_to_make() {
    ReferenceServer server = ReferenceServer.create(cfg -> { });
    assertThatThrownBy(server::uri).hasMessage("call start() first");
    server.start();
    assertThatThrownBy(server::start).hasMessage("start() already called");
    server.close();
    server.close(); // idempotent
    assertThatThrownBy(server::uri).hasMessage("server is closed");
    assertThatThrownBy(server::operatorUri).hasMessage("the operator channel is off: configure operatorToken(...) first");
  }
}

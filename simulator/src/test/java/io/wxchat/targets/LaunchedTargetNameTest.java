package io.wxchat.targets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A launched server is named in reports as a person would name it, never by a number in its command. */
class LaunchedTargetNameTest {
  @Test
  void the_script_or_jar_names_the_server() {
    assertThat(LaunchedTarget.defaultName("node server.js --port {port}")).isEqualTo("server.js");
    assertThat(LaunchedTarget.defaultName("java -jar build/libs/chat-1.0.jar --port 3000")).isEqualTo("chat-1.0.jar");
    assertThat(LaunchedTarget.defaultName("python3 -u /srv/chat/app.py")).isEqualTo("app.py");
  }

  @Test
  void numbers_options_and_placeholders_are_not_names() {
    assertThat(LaunchedTarget.defaultName("./my-server 3")).isEqualTo("my-server");
    assertThat(LaunchedTarget.defaultName("sleep 30")).isEqualTo("sleep");
    assertThat(LaunchedTarget.defaultName("node --max-old-space-size=30 {port}")).isEqualTo("node");
  }
}

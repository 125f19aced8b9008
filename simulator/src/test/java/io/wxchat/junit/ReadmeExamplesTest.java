package io.wxchat.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README's Java snippets, compiled and run here so they cannot go stale ({@link ReadmeSnippetsTest} checks
 * that README says what this file does, line for line; a line marked {@code // test only} is this file's own).
 */
class ReadmeExamplesTest {
  // README "Inside your own build": the server snippet and the suite snippet combined
  @RegisterExtension
  static final ReferenceServerExtension server = ReferenceServerExtension.create(cfg -> cfg.mode(Mode.OPERATOR));

  @TestFactory
  Stream<DynamicTest> speaks_the_wxchat_protocol() {
    return ConformanceTests.against(server.uri(), server.operatorToken()).stream();
  }

  @Test
  void the_reference_server_in_java() {
    // README "The reference server"
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start()) { // port 0
      URI uri = server.uri();
      server.say("您好，客服在线");   // pushed to every client; auto-replies stop for good
      assertThat(uri.getPort()).isPositive(); // test only
      assertThat(server.online()).isTrue(); // test only
    }
  }
}

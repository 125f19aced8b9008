package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.http.HttpDsl.ws;

import com.fasterxml.jackson.databind.node.TextNode;
import io.gatling.javaapi.http.WsFrameCheck;
import io.wxchat.scenario.MatchResult;
import io.wxchat.scenario.Matcher;
import java.util.Optional;

/**
 * A scenario file's matcher as a Gatling check: the simulator's {@link Matcher#match} judges each
 * frame, so load and conformance share one implementation. NON_STRICT passes, as in the CLI.
 * {@code ws("greet").sendText("你好").await(2s).on(MatcherCheck.of("auto-reply", Matchers.autoReply()))}
 */
final class MatcherCheck {
  private MatcherCheck() {
  }

  static WsFrameCheck.Text of(String name, Matcher matcher) {
    return ws.checkTextMessage(name).check(bodyString().validate(matcher.describe(), (text, session) -> {
      if (text == null) {
        throw new IllegalArgumentException("no text frame");
      }
      failure(matcher, text).ifPresent(detail -> {
        throw new IllegalArgumentException(detail);
      });
      return text;
    }));
  }

  /** Why {@code text} does not match, or empty if it does (NON_STRICT included). */
  static Optional<String> failure(Matcher matcher, String text) {
    MatchResult result = matcher.match(TextNode.valueOf(text), "");
    return result.failed() ? Optional.of(result.detail()) : Optional.empty();
  }
}

package io.wxchat.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.server.Mode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
  private final Conversation operator = new Conversation(Mode.OPERATOR, new Replies(Clock.systemUTC()));

  @Test
  void operator_lines_are_trimmed_like_javascript_trims_them() {
    assertThat(Conversation.trim("\u3000 \t客服\u00a0\uFEFF\r\n")).isEqualTo("客服");
    assertThat(Conversation.trim("a b")).isEqualTo("a b");
    assertThat(Conversation.trim("\u3000\u00a0")).isEmpty();
  }

  @Test
  void a_line_of_full_width_spaces_is_empty_and_keeps_the_server_offline() {
    OperatorResult result = operator.operatorSays("\u3000\u3000", json -> 1);
    assertThat(result.accepted()).isFalse();
    assertThat(operator.online()).isFalse();
  }

  @Test
  void the_first_line_switches_online_and_auto_replies_stop() {
    List<EncodedFrame> sent = new ArrayList<>();
    operator.receive("你好", sent::add);
    operator.operatorSays("来了", json -> 0);
    operator.receive("你好", sent::add);
    assertThat(sent).hasSize(1).allMatch(frame -> frame.payloadText().contains(Replies.AUTO_REPLY));
    assertThat(operator.online()).isTrue();
  }

  @Test
  void the_pushed_frame_is_encoded_on_demand_and_carries_the_trimmed_line() {
    List<EncodedFrame> pushed = new ArrayList<>();
    OperatorResult result = operator.operatorSays(" 来了\u3000", encode -> {
      pushed.add(encode.get());
      return 3;
    });
    assertThat(result.delivered()).isEqualTo(3);
    assertThat(pushed).singleElement().satisfies(frame -> assertThat(frame.payloadText()).startsWith("{\"content\":\"来了\""));
  }
}

package io.wxchat.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperatorQueueTest {
  @Test
  void a_line_whose_push_throws_is_answered_and_later_lines_are_still_pushed() throws Exception {
    BlockingQueue<OperatorResult> answers = new LinkedBlockingQueue<>();
    try (OperatorQueue queue = new OperatorQueue((line, source) -> {
      if (line.equals("bad")) {
        throw new IllegalStateException("boom");
      }
      return OperatorResult.delivered(line.length());
    })) {
      queue.offer("bad", "channel", answers::add);
      queue.offer("good", "channel", answers::add);

      OperatorResult first = answers.poll(5, TimeUnit.SECONDS);
      OperatorResult second = answers.poll(5, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.accepted()).isFalse();
      assertThat(first.reason()).contains("could not be pushed").contains("boom");
      assertThat(second).isEqualTo(OperatorResult.delivered(4));
    }
  }
}

package io.wxchat.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** What an inbox counts matches what it holds, also once it was discarded. */
@Isolated // the process-wide count is shared by every inbox
class InboxTest {
  private static final Received BIG = new Received.Text("x".repeat(1 << 20), 0);

  @Test
  void a_frame_put_back_after_the_inbox_was_discarded_is_neither_kept_nor_counted() throws Exception {
    Inbox inbox = new Inbox();
    assertThat(inbox.add(BIG)).isTrue();
    Received taken = inbox.next(Duration.ZERO).orElseThrow();
    inbox.discard();
    long before = Inbox.held();

    inbox.unread(taken);

    assertThat(Inbox.held()).as("bytes counted as held").isEqualTo(before);
    assertThat(inbox.next(Duration.ZERO)).as("kept after the discard").isEmpty();
  }

  @Test
  void a_frame_put_back_is_counted_once_and_given_back_when_taken_again() throws Exception {
    Inbox inbox = new Inbox();
    long before = Inbox.held();
    inbox.add(BIG);
    Received taken = inbox.next(Duration.ZERO).orElseThrow();

    inbox.unread(taken);
    long holding = Inbox.held();
    assertThat(inbox.next(Duration.ZERO)).contains(taken);

    assertThat(holding - before).isEqualTo(Inbox.size(BIG));
    assertThat(Inbox.held()).isEqualTo(before);
  }
}

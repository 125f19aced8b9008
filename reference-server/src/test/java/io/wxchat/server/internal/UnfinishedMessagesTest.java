package io.wxchat.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.java_websocket.exceptions.InvalidDataException;
import org.junit.jupiter.api.Test;

/** Two connections' guards sharing one budget for unfinished messages, fed bytes as reads bring them. */
class UnfinishedMessagesTest {
  private static final int LENGTH = 64_512;
  private static final byte[] TEXT_HEADER = {(byte) 0x81, (byte) (0x80 | 126), (byte) 0xFC, 0x00, 1, 2, 3, 4};
  private final UnfinishedMessages budget = new UnfinishedMessages(100_000);
  private final FrameGuard alice = new FrameGuard(65_536, budget);
  private final FrameGuard bob = new FrameGuard(65_536, budget);

  @Test
  void a_frame_that_arrives_whole_reserves_nothing() throws Exception {
    alice.inspect(ByteBuffer.wrap(concat(TEXT_HEADER, new byte[LENGTH])));

    assertThat(budget.held()).isZero();
  }

  @Test
  void an_unfinished_frame_holds_its_declared_length_until_its_last_byte() throws Exception {
    alice.inspect(ByteBuffer.wrap(concat(TEXT_HEADER, new byte[10_000])));
    assertThat(budget.held()).isEqualTo(LENGTH);

    alice.inspect(ByteBuffer.wrap(new byte[LENGTH - 10_000]));

    assertThat(budget.held()).isZero();
  }

  @Test
  void an_unfinished_message_past_the_budget_closes_that_connection_with_1008_and_the_first_goes_on()
      throws Exception {
    alice.inspect(ByteBuffer.wrap(concat(TEXT_HEADER, new byte[10_000])));

    // when: bob's would make 129,024 of 100,000
    assertThatThrownBy(() -> bob.inspect(ByteBuffer.wrap(concat(TEXT_HEADER, new byte[10_000]))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("unfinished messages of all clients pass")
        .satisfies(e -> assertThat(((InvalidDataException) e).getCloseCode()).isEqualTo(1008));

    // then: alice's message ends as it arrives
    alice.inspect(ByteBuffer.wrap(new byte[LENGTH - 10_000]));
    assertThat(budget.held()).isZero();
  }

  @Test
  void a_connection_that_closes_in_the_middle_of_a_message_gives_its_share_back() throws Exception {
    alice.inspect(ByteBuffer.wrap(concat(TEXT_HEADER, new byte[10_000])));

    alice.release();

    assertThat(budget.held()).isZero();
    bob.inspect(ByteBuffer.wrap(concat(TEXT_HEADER, new byte[10_000])));
    assertThat(budget.held()).isEqualTo(LENGTH);
  }

  @Test
  void fragments_of_an_unfinished_message_hold_their_sum() throws Exception {
    byte[] first = {0x01, (byte) (0x80 | 126), 0x75, 0x30, 1, 2, 3, 4}; // text, not fin, 30,000 bytes
    byte[] next = {0x00, (byte) (0x80 | 126), 0x75, 0x30, 1, 2, 3, 4}; // continuation, not fin
    alice.inspect(ByteBuffer.wrap(concat(first, new byte[30_000])));
    alice.inspect(ByteBuffer.wrap(concat(next, new byte[30_000])));

    assertThat(budget.held()).isEqualTo(60_000);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}

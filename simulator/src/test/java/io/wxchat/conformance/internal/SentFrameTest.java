package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.session.RecordedEvent;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SentFrameTest {
  private static final String INVALID_UTF8 = "81 82 37 fa 21 3d f4 d2";

  @Test
  void the_frame_before_a_close_the_dying_server_began_is_the_one_that_killed_it() {
    // given: seed 000 closes mallory with 1007, then throws; alice sends before the exit is noticed
    List<RecordedEvent> events = List.of(
        event("alice", 1, Direction.INFO, Kind.OPEN, "", 101),
        event("mallory", 10, Direction.OUT, Kind.RAW, INVALID_UTF8, 0),
        event("mallory", 11, Direction.IN, Kind.CLOSE, "", 1007),
        event("alice", 12, Direction.OUT, Kind.TEXT, "你好", 0));

    // when
    Optional<RecordedEvent> last = SentFrame.lastBeforeDeath(events, ms(20));

    // then
    assertThat(last.map(SentFrame::describe)).contains("a text frame that is not valid UTF-8");
  }

  @Test
  void a_close_the_client_asked_for_or_one_long_before_the_exit_does_not_mark_the_death() {
    // given
    List<RecordedEvent> events = List.of(
        event("bob", 10, Direction.OUT, Kind.CLOSE, "", 1000),
        event("bob", 11, Direction.IN, Kind.CLOSE, "", 1000),
        event("mallory", 20, Direction.IN, Kind.CLOSE, "", 1002),
        event("alice", 500, Direction.OUT, Kind.BINARY, "01 02", 0));

    // when
    Optional<RecordedEvent> last = SentFrame.lastBeforeDeath(events, ms(510));

    // then
    assertThat(last.map(SentFrame::describe)).contains("a binary frame of 2 bytes");
  }

  @Test
  void a_case_that_sent_nothing_before_the_death_has_no_last_frame() {
    // given
    List<RecordedEvent> events = List.of(
        event("alice", 5, Direction.IN, Kind.CLOSE, "connection lost without a close frame", 1006),
        event("alice", 6, Direction.OUT, Kind.TEXT, "你好", 0));

    // when / then
    assertThat(SentFrame.lastBeforeDeath(events, ms(9))).isEmpty();
  }

  @Test
  void a_long_text_the_transcript_cut_and_an_empty_raw_text_frame_read_as_what_was_sent() {
    // given: 65,536 x, kept cut in the transcript; 81 80 and a mask: a text frame with no payload
    RecordedEvent large = event("alice", 1, Direction.OUT, Kind.TEXT, "xxxx... (65536 chars in all)", 0);
    RecordedEvent empty = event("alice", 2, Direction.OUT, Kind.RAW, "81 80 00 00 00 00", 0);

    // when / then
    assertThat(SentFrame.describe(large)).isEqualTo("a text of 65536 characters");
    assertThat(SentFrame.describe(empty)).isEqualTo("an empty text frame");
  }

  @Test
  void a_raw_frame_with_a_64_bit_length_is_read_like_any_other() {
    // given: FIN + text, the 64-bit length form announcing 2 bytes, then C3 28 (not UTF-8); and valid text
    RecordedEvent invalid = event("mallory", 1, Direction.OUT, Kind.RAW, "81 7f 00 00 00 00 00 00 00 02 c3 28", 0);
    RecordedEvent valid = event("mallory", 2, Direction.OUT, Kind.RAW, "81 7f 00 00 00 00 00 00 00 02 68 69", 0);

    // when / then
    assertThat(SentFrame.describe(invalid)).isEqualTo("a text frame that is not valid UTF-8");
    assertThat(SentFrame.describe(valid)).isEqualTo("a raw frame with opcode 0x1 (12 bytes)");
  }

  private static RecordedEvent event(String client, long ms, Direction direction, Kind kind, String payload,
                                     int code) {
    return new RecordedEvent(client, ms(ms), direction, kind, payload, code);
  }

  private static long ms(long ms) {
    return ms * 1_000_000;
  }
}

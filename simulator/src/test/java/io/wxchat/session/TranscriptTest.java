package io.wxchat.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {
  @Test
  void a_flood_keeps_the_first_events_and_ends_with_a_note_of_what_was_cut() {
    // given
    Transcript transcript = new Transcript();

    // when
    for (int i = 0; i < Transcript.MAX_EVENTS + 250; i++) {
      transcript.record("alice", Direction.IN, Kind.TEXT, "frame " + i, 0);
    }

    // then
    List<RecordedEvent> events = transcript.events();
    assertThat(events).hasSize(Transcript.MAX_EVENTS + 1);
    assertThat(events.get(0).payload()).isEqualTo("frame 0");
    assertThat(events.get(events.size() - 1).payload()).isEqualTo("transcript cut: 250 events not kept, 2,500 chars"
        + " of payloads cut (a case keeps at most 5,000 events, 16,384 chars a payload, 524,288 chars of payloads in all)");
  }

  @Test
  void a_long_payload_is_cut_with_its_length_and_later_ones_once_the_case_budget_is_spent() {
    // given
    Transcript transcript = new Transcript();
    String big = "x".repeat(100_000);

    // when
    for (int i = 0; i < 40; i++) {
      transcript.record("alice", Direction.OUT, Kind.TEXT, big, 0);
    }
    transcript.record("alice", Direction.INFO, Kind.ERROR, "why: " + "y".repeat(500), 0);

    // then
    List<RecordedEvent> events = transcript.events();
    assertThat(events.get(0).payload()).hasSize(Transcript.MAX_PAYLOAD_CHARS + " (100000 chars in all)".length() + 3)
        .endsWith("x... (100000 chars in all)");
    assertThat(events.get(39).payload()).isEqualTo("x".repeat(Transcript.SPENT_PAYLOAD_CHARS) + "... (100000 chars in all)");
    assertThat(events.get(40).payload()).as("the harness's notes stay whole").hasSize(505);
    assertThat(events.stream().mapToLong(e -> e.payload().length()).sum())
        .isLessThan(Transcript.MAX_CASE_PAYLOAD_CHARS + 50_000);
  }
}

package io.wxchat.report;

import static io.wxchat.report.Runs.AUTO_REPLY;
import static io.wxchat.report.Runs.in;
import static io.wxchat.report.Runs.open;
import static io.wxchat.report.Runs.out;
import static io.wxchat.report.Runs.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.session.RecordedEvent;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DivergenceTest {
  @Test
  void targets_differing_in_one_reply_diverge_at_that_frame() {
    // given
    List<RecordedEvent> reference = List.of(open("alice", 1), out("alice", 2, "你好"),
        in("alice", 3, reply(AUTO_REPLY, "2026-1-3 , 9:05 am")), out("alice", 4, "在吗"),
        in("alice", 5, reply(AUTO_REPLY, "2026-1-3 , 9:05 am")));
    List<RecordedEvent> candidate = List.of(open("alice", 1), out("alice", 2, "你好"),
        in("alice", 3, reply(AUTO_REPLY, "2026-1-3 , 9:05 am")), out("alice", 4, "在吗"),
        in("alice", 5, reply("[自动回复]：请稍候", "2026-1-3 , 9:05 am")));

    // when
    Optional<Divergence> divergence = Divergence.find(List.of(reference, candidate));

    // then
    assertThat(divergence).contains(new Divergence("alice", List.of(4, 4), List.of(false, false)));
  }

  @Test
  void dates_and_field_order_do_not_count_as_divergence() {
    // given
    List<RecordedEvent> reference = List.of(out("alice", 1, "你好"),
        in("alice", 2, reply(AUTO_REPLY, "2026-1-3 , 9:05 am")));
    List<RecordedEvent> candidate = List.of(out("alice", 1, "你好"),
        in("alice", 2, "{\"date\":\"2026-1-3 , 9:06 am\",\"content\":\"" + AUTO_REPLY + "\"}"));

    // when
    Optional<Divergence> divergence = Divergence.find(List.of(reference, candidate));

    // then
    assertThat(divergence).isEmpty();
  }

  @Test
  void a_missing_reply_is_marked_at_the_end_of_the_transcript_that_lacks_it() {
    // given
    List<RecordedEvent> reference = List.of(out("alice", 1, "你好"), in("alice", 2, reply(AUTO_REPLY, "x")),
        out("bob", 3, "hi"));
    List<RecordedEvent> candidate = List.of(out("alice", 1, "你好"), out("bob", 3, "hi"));

    // when
    Optional<Divergence> divergence = Divergence.find(List.of(reference, candidate));

    // then
    assertThat(divergence).contains(new Divergence("alice", List.of(1, 2), List.of(false, true)));
  }

  @Test
  void the_client_that_diverges_first_in_the_first_target_is_marked_in_every_target() {
    // given: alice gets another reply; bob's later frames are missing because the case stopped there
    List<RecordedEvent> reference = List.of(open("alice", 1), open("bob", 2), out("alice", 3, "你好"),
        in("alice", 4, reply(AUTO_REPLY, "x")), out("bob", 5, "你好"), in("bob", 6, reply(AUTO_REPLY, "x")));
    List<RecordedEvent> candidate = List.of(open("alice", 1), open("bob", 2), out("alice", 3, "你好"),
        in("alice", 4, "{\"content\":\"服务器回复:你好\",\"timestamp\":\"1:14:42 AM\"}"));

    // when
    Optional<Divergence> divergence = Divergence.find(List.of(reference, candidate));

    // then
    assertThat(divergence).contains(new Divergence("alice", List.of(3, 3), List.of(false, false)));
  }

  @Test
  void interleaving_of_two_clients_is_not_a_divergence() {
    // given
    List<RecordedEvent> reference = List.of(in("alice", 1, "{\"content\":\"hi\"}"), in("bob", 2, "{\"content\":\"hi\"}"));
    List<RecordedEvent> candidate = List.of(in("bob", 1, "{\"content\":\"hi\"}"), in("alice", 2, "{\"content\":\"hi\"}"));

    // when
    Optional<Divergence> divergence = Divergence.find(List.of(reference, candidate));

    // then
    assertThat(divergence).isEmpty();
  }

  @Test
  void harness_notes_with_other_urls_do_not_diverge_but_close_codes_do() {
    // given
    List<RecordedEvent> reference = List.of(
        new RecordedEvent("alice", 1, Direction.INFO, Kind.OPEN, "ws://127.0.0.1:40001/", 101),
        new RecordedEvent("alice", 2, Direction.IN, Kind.CLOSE, "", 1007));
    List<RecordedEvent> candidate = List.of(
        new RecordedEvent("alice", 1, Direction.INFO, Kind.OPEN, "ws://127.0.0.1:3000/", 101),
        new RecordedEvent("alice", 2, Direction.IN, Kind.CLOSE, "", 1002));

    // when
    Optional<Divergence> divergence = Divergence.find(List.of(reference, candidate));

    // then
    assertThat(divergence).get().extracting(Divergence::frames).isEqualTo(List.of(1, 1));
  }

  @Test
  void http_requests_to_other_ports_and_other_error_pages_do_not_diverge_but_statuses_do() {
    // given
    List<RecordedEvent> reference = List.of(
        new RecordedEvent("http", 1, Direction.OUT, Kind.HTTP, "GET http://127.0.0.1:46177/", 0),
        new RecordedEvent("http", 2, Direction.IN, Kind.HTTP, "<h1>404 WebSocket Upgrade Failure</h1>", 404),
        new RecordedEvent("http", 3, Direction.OUT, Kind.HTTP, "GET http://127.0.0.1:46177/x", 0),
        new RecordedEvent("http", 4, Direction.IN, Kind.HTTP, "", 404));
    List<RecordedEvent> candidate = List.of(
        new RecordedEvent("http", 1, Direction.OUT, Kind.HTTP, "GET http://127.0.0.1:3000/", 0),
        new RecordedEvent("http", 2, Direction.IN, Kind.HTTP, "", 404),
        new RecordedEvent("http", 3, Direction.OUT, Kind.HTTP, "GET http://127.0.0.1:3000/x", 0),
        new RecordedEvent("http", 4, Direction.IN, Kind.HTTP, "Upgrade Required", 426));

    // when
    Optional<Divergence> divergence = Divergence.find(List.of(reference, candidate));

    // then
    assertThat(divergence).get().extracting(Divergence::frames).isEqualTo(List.of(3, 3));
  }

  @Test
  void one_transcript_has_nothing_to_diverge_from() {
    // given
    List<RecordedEvent> only = List.of(out("alice", 1, "你好"));

    // when
    Optional<Divergence> divergence = Divergence.find(List.of(only));

    // then
    assertThat(divergence).isEmpty();
  }
}

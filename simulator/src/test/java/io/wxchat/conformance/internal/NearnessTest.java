package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.Failure;
import io.wxchat.scenario.Matcher;
import io.wxchat.scenario.Matchers;
import io.wxchat.session.Received;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearnessTest {
  private static final Matcher GREETING = Matchers.json("content", Matchers.equalTo("您好，客服小王为您服务"));

  @Test
  void the_frame_most_like_the_expectation_comes_first() {
    // given
    List<Nearness.Candidate> frames = List.of(
        new Nearness.Candidate(new Received.Text("{\"content\":\"稍后回复\"}", 1), ""),
        new Nearness.Candidate(new Received.Text("{\"content\":\"您好，客服小王为您服务!\"}", 2), "(earlier) "),
        new Nearness.Candidate(new Received.Closed(1006, "", 3), ""));

    // when
    List<Failure.Near> ranked = Nearness.rank(GREETING, frames);

    // then
    assertThat(ranked).extracting(Failure.Near::frame).containsExactly(
        "(earlier) {\"content\":\"您好，客服小王为您服务!\"}", "{\"content\":\"稍后回复\"}", "close 1006");
    assertThat(ranked.get(0).score()).isGreaterThan(ranked.get(1).score());
    assertThat(ranked.get(2).score()).isZero();
  }

  @Test
  void a_frame_that_matches_scores_one_and_nothing_alike_scores_zero() {
    // given / when / then
    assertThat(Nearness.rank(GREETING, List.of(new Nearness.Candidate(
        new Received.Text("{\"content\":\"您好，客服小王为您服务\"}", 1), ""))).get(0).score()).isEqualTo(1.0);
    assertThat(Nearness.alike("abc", "xyz")).isZero();
    assertThat(Nearness.alike("您好", "您好")).isEqualTo(1.0);
  }
}

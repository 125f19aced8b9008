package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.server.internal.Replies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RepliesTest {
  private static Replies at(String instant) {
    return new Replies(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void the_date_puts_the_day_before_the_month_without_padding_and_uses_a_lowercase_12_hour_clock() {
    assertThat(at("2026-11-21T21:05:00Z").autoReply().payloadText())
        .isEqualTo("""
            {"content":"[自动回复] : 请等待用户接入回复...","date":"2026-21-11 , 9:05 pm"}""");
    assertThat(at("2026-03-04T00:07:00Z").operatorLine("早").payloadText())
        .isEqualTo("""
            {"content":"早","date":"2026-4-3 , 12:07 am"}""");
  }

  @Test
  void the_echo_prefixes_the_text_and_stamps_an_english_time_of_day() {
    assertThat(at("2026-11-21T23:51:39Z").echo("你好").payloadText())
        .isEqualTo("""
            {"content":"服务器回复:你好","timestamp":"11:51:39 PM"}""");
    assertThat(at("2026-11-21T12:00:01Z").echo("noon").payloadText()).endsWith("\"timestamp\":\"12:00:01 PM\"}");
  }

  @Test
  void text_is_escaped_as_json_and_cjk_stays_readable() {
    assertThat(at("2026-11-21T09:00:00Z").echo("say \"hi\"\n").payloadText())
        .isEqualTo("""
            {"content":"服务器回复:say \\"hi\\"\\n","timestamp":"9:00:00 AM"}""");
  }
}

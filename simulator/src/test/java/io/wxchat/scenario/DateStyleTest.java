package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The line between FAILED and NON_STRICT for dates (PROTOCOL.md "How the suites grade"), pinned text
 * by text. Every frame here arrives at 17:05:20 on 2 December 2026 in Shanghai.
 */
class DateStyleTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Clock RECEIVED = Clock.fixed(ZonedDateTime.of(2026, 12, 2, 17, 5, 20, 0, SHANGHAI).toInstant(),
      SHANGHAI);
  private static final String LIKE = "\"2026-21-11 , 9:05 pm\"";
  private static final String NOT_DOCUMENTED = " is a date, but not in the documented format like " + LIKE;
  private static final String CLOCK = "the simulator's clock at receipt (\"2026-2-12 , 5:05 pm\")";
  private static final String ECHO_CLOCK = "the simulator's clock at receipt (\"5:05:20 PM\")";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void the_documented_format_at_the_current_time_passes() {
    assertThat(operator("\"2026-2-12 , 5:05 pm\"")).isEqualTo("PASS");
    assertThat(operator("\"2026-2-12 , 5:04 pm\"")).as("sent 20 s before, a minute earlier").isEqualTo("PASS");
    assertThat(echo("\"5:05:20 PM\"")).isEqualTo("PASS");
    assertThat(echo("\"5:05:19\u202fPM\"")).as("Node's ICU narrow no-break space (E3)").isEqualTo("PASS");
  }

  @Test
  void what_is_no_date_text_at_all_is_failed() {
    assertThat(operator("12345"))
        .isEqualTo("FAIL /date 12345 is a number; the protocol has a text, a date like " + LIKE + " (O2)");
    assertThat(operator("null")).isEqualTo("FAIL /date null is not a text; expected a date like " + LIKE + " (O2)");
    assertThat(operator("{\"t\":1}"))
        .isEqualTo("FAIL /date {\"t\":1} is not a text; expected a date like " + LIKE + " (O2)");
    assertThat(operator("\"\"")).isEqualTo("FAIL /date is an empty text; expected a date like " + LIKE + " (O2)");
    assertThat(operator("\"12:34 whatever\"")).as("a time somewhere in a text is no date")
        .isEqualTo("FAIL /date expected a date like " + LIKE + " (O2), got \"12:34 whatever\"");
    assertThat(operator("\"5:05:20 PM\"")).as("a time without a date")
        .isEqualTo("FAIL /date expected a date like " + LIKE + " (O2), got \"5:05:20 PM\"");
    assertThat(match(Matchers.jsonExactly("content", Matchers.any(), "date", Matchers.date(DateStyle.OPERATOR)),
        "{\"content\":\"hi\"}")).isEqualTo("FAIL /date is missing (fields: content)");
  }

  @Test
  void a_recognisable_near_miss_of_the_current_time_is_non_strict_and_named() {
    assertThat(operator("\"2026-12-02T09:05:20.123Z\"")).isEqualTo("NON_STRICT /date \"2026-12-02T09:05:20.123Z\""
        + NOT_DOCUMENTED + " (ISO-8601)");
    assertThat(operator("\"2026-12-02T17:05:20+08:00\"")).isEqualTo("NON_STRICT /date \"2026-12-02T17:05:20+08:00\""
        + NOT_DOCUMENTED + " (ISO-8601)");
    assertThat(operator("\"2026-12-02 17:05:20\"")).isEqualTo("NON_STRICT /date \"2026-12-02 17:05:20\""
        + NOT_DOCUMENTED + " (a 24-hour \"YYYY-MM-DD HH:mm\" date)");
    assertThat(operator("\"2026/12/2 17:05:20\"")).isEqualTo("NON_STRICT /date \"2026/12/2 17:05:20\""
        + NOT_DOCUMENTED + " (a 24-hour \"YYYY/M/D H:mm:ss\" date)");
    assertThat(operator("\"2026-2-12 , 5:05 PM\"")).isEqualTo("NON_STRICT /date \"2026-2-12 , 5:05 PM\""
        + NOT_DOCUMENTED + " (PM instead of pm)");
    assertThat(operator("\"2026-2-12 , 17:05\"")).isEqualTo("NON_STRICT /date \"2026-2-12 , 17:05\""
        + NOT_DOCUMENTED + " (a 24-hour clock without am/pm)");
    assertThat(operator("\"2026-02-12 , 05:05 pm\"")).isEqualTo("NON_STRICT /date \"2026-02-12 , 05:05 pm\""
        + NOT_DOCUMENTED + " (zero-padded)");
    assertThat(operator("\"2026-2-12, 5:05 pm\"")).isEqualTo("NON_STRICT /date \"2026-2-12, 5:05 pm\""
        + NOT_DOCUMENTED + " (\", \" instead of \" , \" between date and time)");
    String echoLike = " is a date, but not in the documented format like \"11:51:39 PM\"";
    assertThat(echo("\"17:05:20\"")).isEqualTo("NON_STRICT /timestamp \"17:05:20\"" + echoLike
        + " (a 24-hour clock without AM/PM)");
    assertThat(echo("\"5:05:20 pm\"")).isEqualTo("NON_STRICT /timestamp \"5:05:20 pm\"" + echoLike + " (pm instead of PM)");
  }

  @Test
  void a_time_zone_offset_in_whole_or_half_hours_is_non_strict_and_named() {
    assertThat(operator("\"2026-2-12 , 9:05 am\"")).isEqualTo("NON_STRICT /date \"2026-2-12 , 9:05 am\" is 8 h behind "
        + CLOCK + ": a server in another time zone (offset -8:00)");
    assertThat(operator("\"2026-2-12 , 10:35 pm\"")).isEqualTo("NON_STRICT /date \"2026-2-12 , 10:35 pm\" is 5 h 30 min"
        + " ahead of " + CLOCK + ": a server in another time zone (offset +5:30)");
    assertThat(echo("\"9:05:20 AM\"")).isEqualTo("NON_STRICT /timestamp \"9:05:20 AM\" is 8 h behind the simulator's"
        + " clock at receipt (\"5:05:20 PM\"): a server in another time zone (offset -8:00)");
  }

  @Test
  void a_documented_looking_date_that_is_not_the_current_time_is_failed() {
    assertThat(operator("\"2026-21-11 , 9:05 pm\"")).as("the example, frozen")
        .isEqualTo("FAIL /date \"2026-21-11 , 9:05 pm\" is not the current time: 10 days 20 h behind " + CLOCK);
    assertThat(operator("\"2026-12-2 , 5:05 pm\"")).isEqualTo("FAIL /date \"2026-12-2 , 5:05 pm\" has day and month"
        + " swapped (month first); compare " + CLOCK);
    assertThat(operator("\"2026-12-21 , 5:05 pm\"")).as("month 21: written month first")
        .isEqualTo("FAIL /date \"2026-12-21 , 5:05 pm\" has month 21: day and month swapped? O2 writes the day first");
    assertThat(operator("\"2026-31-2 , 5:05 pm\"")).isEqualTo("FAIL /date \"2026-31-2 , 5:05 pm\" is no calendar date"
        + " (day 31, month 2)");
    assertThat(operator("\"2026-2-12 , 17:05 pm\"")).isEqualTo("FAIL /date \"2026-2-12 , 17:05 pm\" has the hour on a"
        + " 24-hour clock (17) with pm; the documented hour is 1 to 12");
    assertThat(operator("\"2026-2-12 , 5:05 am\"")).isEqualTo("FAIL /date \"2026-2-12 , 5:05 am\" is not the current"
        + " time: 12 h behind " + CLOCK + " (am and pm mixed up?)");
    assertThat(operator("\"2026-2-12 , 5:50 pm\"")).as("45 minutes is no time zone")
        .isEqualTo("FAIL /date \"2026-2-12 , 5:50 pm\" is not the current time: 45 min ahead of " + CLOCK);
    assertThat(echo("\"11:51:39 PM\"")).isEqualTo("FAIL /timestamp \"11:51:39 PM\" is not the current time: 6 h 46 min"
        + " ahead of the simulator's clock at receipt (\"5:05:20 PM\")");
    assertThat(echo("\"17:05:20 PM\"")).isEqualTo("FAIL /timestamp \"17:05:20 PM\" has the hour on a 24-hour clock (17)"
        + " with PM; the documented hour is 1 to 12");
  }

  @Test
  void an_echo_timestamp_within_30_s_of_the_clock_passes_counting_its_whole_second() {
    // given a frame received at 5:05:20 PM
    // then a timestamp passes up to 30 s either side of it, its second counted whole
    assertThat(echo("\"5:04:49 PM\"")).as("5:04:49.999 is 30 s before").isEqualTo("PASS");
    assertThat(echo("\"5:05:50\u202fPM\"")).as("30 s ahead, Node's narrow no-break space").isEqualTo("PASS");
    assertThat(echo("\"5:04:48 PM\"")).isEqualTo("FAIL /timestamp \"5:04:48 PM\" is not the current time: 32 s"
        + " behind " + ECHO_CLOCK);
    assertThat(echo("\"5:05:51 PM\"")).isEqualTo("FAIL /timestamp \"5:05:51 PM\" is not the current time: 31 s"
        + " ahead of " + ECHO_CLOCK);
  }

  @Test
  void an_echo_timestamp_off_by_whole_or_half_hours_is_non_strict_and_names_the_offset() {
    assertThat(echo("\"10:35:20 PM\"")).isEqualTo("NON_STRICT /timestamp \"10:35:20 PM\" is 5 h 30 min ahead of "
        + ECHO_CLOCK + ": a server in another time zone (offset +5:30)");
    assertThat(echo("\"9:05:40 AM\"")).as("a zone and 20 s of drift")
        .isEqualTo("NON_STRICT /timestamp \"9:05:40 AM\" is 8 h behind " + ECHO_CLOCK
            + ": a server in another time zone (offset -8:00)");
    assertThat(echo("\"6:05:20\"")).as("another zone and another format, both named")
        .isEqualTo("NON_STRICT /timestamp \"6:05:20\" is 11 h behind " + ECHO_CLOCK + ": a server in another time zone"
            + " (offset -11:00), and not in the documented format (a 24-hour clock without AM/PM)");
  }

  @Test
  void an_echo_timestamp_frozen_or_off_by_what_is_no_time_zone_is_failed() {
    assertThat(echo("\"8:22:20 PM\"")).as("frozen 3 h 17 min ahead, as the frozen-timestamp fault")
        .isEqualTo("FAIL /timestamp \"8:22:20 PM\" is not the current time: 3 h 17 min ahead of " + ECHO_CLOCK);
    assertThat(echo("\"5:50:20 PM\"")).as("45 minutes is no time zone")
        .isEqualTo("FAIL /timestamp \"5:50:20 PM\" is not the current time: 45 min ahead of " + ECHO_CLOCK);
    assertThat(echo("\"5:05:20 AM\"")).isEqualTo("FAIL /timestamp \"5:05:20 AM\" is not the current time: 12 h"
        + " behind " + ECHO_CLOCK + " (am and pm mixed up?)");
  }

  @Test
  void a_time_of_day_just_before_midnight_is_the_current_time_just_after_it() {
    Clock afterMidnight = Clock.fixed(ZonedDateTime.of(2026, 12, 3, 0, 0, 10, 0, SHANGHAI).toInstant(), SHANGHAI);
    assertThat(result(Matchers.json("timestamp", Matchers.date(DateStyle.ECHO)), "{\"timestamp\":\"11:59:55 PM\"}",
        afterMidnight)).isEqualTo("PASS");
  }

  private static String operator(String date) {
    return match(Matchers.json("date", Matchers.date(DateStyle.OPERATOR)), "{\"date\":" + date + "}");
  }

  private static String echo(String timestamp) {
    return match(Matchers.json("timestamp", Matchers.date(DateStyle.ECHO)), "{\"timestamp\":" + timestamp + "}");
  }

  private static String match(Matcher matcher, String frame) {
    return result(matcher, frame, RECEIVED);
  }

  static String result(Matcher matcher, String frame, Clock clock) {
    try {
      MatchResult result = matcher.match(JSON.readTree(frame), "", clock);
      return result.passed() ? "PASS" : result.outcome() + " " + result.detail();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(frame, e);
    }
  }
}

package io.wxchat.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/** The server-to-client frames of docs/PROTOCOL.md, as JSON text. */
public final class Replies {
  /** Rule O3: the auto-reply content, byte for byte. */
  public static final String AUTO_REPLY = "[自动回复] : 请等待用户接入回复...";
  /** Rule E2: the echo prefix (a half-width colon). */
  public static final String ECHO_PREFIX = "服务器回复:";

  /** moment's {@code YYYY-D-M , h:mm a}: day before month, 12-hour clock, lower-case am/pm. */
  static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-d-M , h:mm ")
      .appendText(ChronoField.AMPM_OF_DAY, Map.of(0L, "am", 1L, "pm"))
      .toFormatter(Locale.ROOT);
  /** {@code Date.toLocaleTimeString()} in en-US: {@code 11:51:39 PM}, with a plain space. */
  static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("h:mm:ss ")
      .appendText(ChronoField.AMPM_OF_DAY, Map.of(0L, "AM", 1L, "PM"))
      .toFormatter(Locale.ROOT);

  private record Dated(String content, String date) {
  }

  private record Stamped(String content, String timestamp) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter DATED = JSON.writerFor(Dated.class);
  private static final ObjectWriter STAMPED = JSON.writerFor(Stamped.class);

  private final Clock clock;

  public Replies(Clock clock) {
    this.clock = clock;
  }

  /** Rule O3: {@code {"content":"[自动回复] : 请等待用户接入回复...","date":"2026-21-11 , 9:05 pm"}}. */
  public String autoReply() {
    return dated(AUTO_REPLY);
  }

  /** Rule O5: an operator line as pushed to every client. */
  public String operatorLine(String line) {
    return dated(line);
  }

  /** Rule E2: {@code {"content":"服务器回复:<text>","timestamp":"11:51:39 PM"}}. */
  public String echo(String text) {
    return write(STAMPED, new Stamped(ECHO_PREFIX + text, LocalDateTime.now(clock).format(TIMESTAMP)));
  }

  private String dated(String content) {
    return write(DATED, new Dated(content, LocalDateTime.now(clock).format(DATE)));
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a reply of two strings", e);
    }
  }
}

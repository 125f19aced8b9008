package io.wxchat.server.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/** The server-to-client frames of docs/PROTOCOL.md, encoded as JSON text frames. */
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

  /** A formatted time, reused for every reply within the same second (the formats have no finer field). */
  private record Stamp(long second, String text) {
  }

  /** The current time in one format, formatted at most once a second. */
  private static final class SecondStamp {
    private final Clock clock;
    private final DateTimeFormatter format;
    // read and written by the selector and operator threads; a race only formats the same second twice
    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    SecondStamp(Clock clock, DateTimeFormatter format) {
      this.clock = clock;
      this.format = format;
    }

    String now() {
      long millis = clock.millis();
      Stamp stamp = last;
      if (stamp.second != Math.floorDiv(millis, 1000)) {
        stamp = new Stamp(Math.floorDiv(millis, 1000),
            LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), clock.getZone()).format(format));
        last = stamp;
      }
      return stamp.text;
    }
  }

  private static final EncodedFrame.Template ECHO = new EncodedFrame.Template("content", ECHO_PREFIX, "timestamp");
  private static final EncodedFrame.Template DATED = new EncodedFrame.Template("content", "", "date");

  private final SecondStamp date;
  private final SecondStamp timestamp;

  public Replies(Clock clock) {
    this.date = new SecondStamp(clock, DATE);
    this.timestamp = new SecondStamp(clock, TIMESTAMP);
    // the first format of a JVM loads the time-zone rules and formatter classes (about 150 ms): paid
    // here, at start, not by the first client's reply or the operator's first push to every client
    date.now();
    timestamp.now();
  }

  /** Rule O3: {@code {"content":"[自动回复] : 请等待用户接入回复...","date":"2026-21-11 , 9:05 pm"}}. */
  public EncodedFrame autoReply() {
    return dated(AUTO_REPLY);
  }

  /** Rule O5: an operator line as pushed to every client. */
  public EncodedFrame operatorLine(String line) {
    return dated(line);
  }

  /** Rule E2: {@code {"content":"服务器回复:<text>","timestamp":"11:51:39 PM"}}. */
  public EncodedFrame echo(String text) {
    return EncodedFrame.jsonObject(ECHO, text, timestamp.now());
  }

  private EncodedFrame dated(String content) {
    return EncodedFrame.jsonObject(DATED, content, date.now());
  }
}

package io.wxchat.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The documented date and time formats, what counts as a near miss for each, and the check that the
 * value is the current time: {@code DateStyle.OPERATOR.judge(value, "/date", Clock.systemDefaultZone())}.
 */
public enum DateStyle {
  /** Rule O2: moment's {@code YYYY-D-M , h:mm a}, e.g. {@code 2026-21-11 , 9:05 pm}. */
  OPERATOR("2026-21-11 , 9:05 pm", "yyyy-d-M , h:mm a", DateReading::operator),
  /** Rule E3: {@code toLocaleTimeString()} in en-US, e.g. {@code 11:51:39 PM} (U+202F allowed). */
  ECHO("11:51:39 PM", "h:mm:ss a", DateReading::echo);

  private final String example;
  private final DateTimeFormatter format;
  private final Function<String, Optional<DateReading>> reader;

  DateStyle(String example, String pattern, Function<String, Optional<DateReading>> reader) {
    this.example = example;
    this.format = DateTimeFormatter.ofPattern(pattern, Locale.US);
    this.reader = reader;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String example() {
    return example;
  }

  @JsonCreator
  public static DateStyle parse(String text) {
    for (DateStyle style : values()) {
      if (style.id().equalsIgnoreCase(text.trim())) {
        return style;
      }
    }
    throw new IllegalArgumentException("unknown date style \"" + text + "\"; expected one of "
        + Arrays.stream(values()).map(DateStyle::id).collect(Collectors.joining(", ", "[", "]")));
  }

  /**
   * Whether {@code text} is written in this documented format, whatever time it shows (a recording
   * generalises such a field): {@code OPERATOR.writes("2026-2-12 , 5:40 am")} is true.
   */
  public boolean writes(String text) {
    return reader.apply(text).map(DateReading::documented).orElse(false);
  }

  /**
   * FAILED for what is no date text at all (a number, null, an empty text, an unrecognisable text)
   * and for a date that is not the current time; NON_STRICT for a recognisable near miss of the
   * current time or a time-zone offset in whole or half hours. See PROTOCOL.md "How the suites grade".
   */
  MatchResult judge(JsonNode value, String where, Clock clock) {
    String place = where.isEmpty() ? "" : where + " ";
    String like = "a date like \"" + example + "\" (" + rule() + ")";
    if (value.isNumber()) {
      return MatchResult.fail(place + value + " is a number; the protocol has a text, " + like);
    }
    if (!value.isTextual()) {
      return MatchResult.fail(place + value + " is not a text; expected " + like);
    }
    String text = value.asText();
    if (text.isEmpty()) {
      return MatchResult.fail(place + "is an empty text; expected " + like);
    }
    Optional<DateReading> reading = reader.apply(text);
    if (reading.isEmpty()) {
      return MatchResult.fail(place + "expected " + like + ", got " + Matcher.JsonObjects.quote(text));
    }
    return reading.get().judge(place, Matcher.JsonObjects.quote(text), example, clock, this::format);
  }

  /** {@code now} as this style writes it: {@code 2026-2-12 , 5:05 pm}, {@code 5:05:39 PM}. */
  String format(java.time.temporal.TemporalAccessor now) {
    String text = format.format(now);
    return this == OPERATOR ? text.replace("AM", "am").replace("PM", "pm") : text;
  }

  private String rule() {
    return this == OPERATOR ? "O2" : "E3";
  }
}

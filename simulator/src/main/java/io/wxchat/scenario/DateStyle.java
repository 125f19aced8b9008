package io.wxchat.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The documented date and time formats, and what counts as a near miss for each. */
public enum DateStyle {
  /** Rule O2: moment's {@code YYYY-D-M , h:mm a}, e.g. {@code 2026-21-11 , 9:05 pm}. */
  OPERATOR("2026-21-11 , 9:05 pm",
      "\\d{4}-([1-9]|[12]\\d|3[01])-([1-9]|1[0-2]) , ([1-9]|1[0-2]):[0-5]\\d (am|pm)"),
  /** Rule E3: {@code toLocaleTimeString()} in en-US, e.g. {@code 11:51:39 PM} (U+202F allowed). */
  ECHO("11:51:39 PM", "([1-9]|1[0-2]):[0-5]\\d:[0-5]\\d[ \\u202f](AM|PM)");

  // a recognisable date or time: digits with date or time separators, e.g. ISO-8601 or 24-hour
  private static final List<Pattern> NEAR_MISSES = List.of(
      Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,4}.*"),
      Pattern.compile("\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}.*"),
      Pattern.compile(".*\\d{1,2}:\\d{2}(:\\d{2})?.*"));

  private final String example;
  private final Pattern exact;

  DateStyle(String example, String regex) {
    this.example = example;
    this.exact = Pattern.compile(regex);
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

  MatchResult judge(JsonNode value, String where) {
    String place = where.isEmpty() ? "" : where + " ";
    if (value.isNumber()) {
      return MatchResult.nonStrict(place + value + " is a number, not the documented text like \"" + example + "\"");
    }
    if (!value.isTextual()) {
      return MatchResult.fail(place + "expected a date like \"" + example + "\", got " + value);
    }
    String text = value.asText();
    if (exact.matcher(text).matches()) {
      return MatchResult.pass();
    }
    for (Pattern nearMiss : NEAR_MISSES) {
      if (nearMiss.matcher(text).matches()) {
        return MatchResult.nonStrict(place + "\"" + text + "\" is a date, but not in the documented format like \""
            + example + "\"");
      }
    }
    return MatchResult.fail(place + "expected a date like \"" + example + "\", got \"" + text + "\"");
  }
}

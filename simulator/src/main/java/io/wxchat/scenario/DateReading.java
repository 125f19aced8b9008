package io.wxchat.scenario;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date or time read from a frame in the documented shape or in a recognisable near miss, judged
 * against the clock at receipt: {@code DateReading.operator("2026-2-12 , 5:05 pm")}.
 */
final class DateReading {
  /** How far a date may be from the clock at receipt and still count as the current time. */
  static final Duration SLACK = Duration.ofSeconds(30);
  private static final Duration HALF_HOUR = Duration.ofMinutes(30);
  private static final Duration WIDEST_ZONE_GAP = Duration.ofHours(14);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration SECOND = Duration.ofSeconds(1);

  // O2's shape, loosely: padding, upper case, a missing meridiem and spacing are read, then named
  private static final Pattern OPERATOR = Pattern.compile(
      "(\\d{4})-(\\d{1,2})-(\\d{1,2})( ?, ?)(\\d{1,2}):(\\d{2})(?: ([AaPp][Mm]))?");
  // E3's shape, loosely: h:mm:ss, then a space (U+0020, U+202F or U+00A0) or none, then AM / PM
  private static final Pattern ECHO = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:([ \\u202f\\u00a0]?)([AaPp][Mm]))?");
  // ISO-8601 (new Date().toISOString()) or its SQL-like cousin with a space: 2026-12-02 17:05:39
  private static final Pattern ISO = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})([T ])(\\d{2}:\\d{2}(:\\d{2}(?:[.,]\\d{1,9})?)?)(Z|[+-]\\d{2}:?\\d{2})?");
  // toLocaleString() in zh-CN: 2026/12/2 17:05:39
  private static final Pattern SLASHED = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2}) (\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

  private final LocalDateTime local; // null for a time of day or an instant
  private final LocalTime timeOfDay; // null unless only a time of day
  private final OffsetDateTime instant; // null unless the text carries its offset
  private final Duration precision;
  private final String deviation; // null: the documented format
  private final String fault; // null: the shape holds together
  private final LocalDateTime swapped; // the same text read with day and month swapped, or null

  private DateReading(LocalDateTime local, LocalTime timeOfDay, OffsetDateTime instant, Duration precision,
                      String deviation, String fault, LocalDateTime swapped) {
    this.local = local;
    this.timeOfDay = timeOfDay;
    this.instant = instant;
    this.precision = precision;
    this.deviation = deviation;
    this.fault = fault;
    this.swapped = swapped;
  }

  /** O2's date or a near miss of it; empty when the text is no recognisable date. */
  static Optional<DateReading> operator(String text) {
    Matcher m = OPERATOR.matcher(text);
    if (m.matches()) {
      List<String> deviations = new ArrayList<>();
      if (!m.group(4).equals(" , ")) {
        deviations.add("\"" + m.group(4) + "\" instead of \" , \" between date and time");
      }
      if (m.group(2).startsWith("0") || m.group(3).startsWith("0") || m.group(5).startsWith("0")) {
        deviations.add("zero-padded");
      }
      int day = Integer.parseInt(m.group(2));
      int month = Integer.parseInt(m.group(3));
      int year = Integer.parseInt(m.group(1));
      Clock12 clock = Clock12.read(Integer.parseInt(m.group(5)), m.group(7), deviations);
      int minute = Integer.parseInt(m.group(6));
      if (clock.fault != null || minute > 59) {
        return Optional.of(faulty(clock.fault != null ? clock.fault : "has minute " + minute));
      }
      LocalDateTime asWritten = dateTime(year, month, day, clock.hour, minute);
      LocalDateTime monthFirst = day == month ? null : dateTime(year, day, month, clock.hour, minute);
      if (asWritten == null) {
        return Optional.of(faulty(monthFirst != null
            ? "has month " + month + ": day and month swapped? O2 writes the day first"
            : "is no calendar date (day " + day + ", month " + month + ")"));
      }
      return Optional.of(new DateReading(asWritten, null, null, MINUTE, joined(deviations), null, monthFirst));
    }
    return iso(text).or(() -> slashed(text));
  }

  /** E3's time of day or a near miss of it; empty when the text is no recognisable time. */
  static Optional<DateReading> echo(String text) {
    Matcher m = ECHO.matcher(text);
    if (m.matches()) {
      List<String> deviations = new ArrayList<>();
      if (m.group(1).startsWith("0") && m.group(5) != null) {
        deviations.add("zero-padded hour");
      }
      if (m.group(5) != null && m.group(4).isEmpty()) {
        deviations.add("no space before " + m.group(5));
      } else if ("\u00a0".equals(m.group(4))) {
        deviations.add("a no-break space (U+00A0) before " + m.group(5));
      }
      Clock12 clock = Clock12.read(Integer.parseInt(m.group(1)), m.group(5), deviations, "AM");
      int minute = Integer.parseInt(m.group(2));
      int second = Integer.parseInt(m.group(3));
      if (clock.fault != null || minute > 59 || second > 59) {
        return Optional.of(faulty(clock.fault != null ? clock.fault : "is no time of day"));
      }
      return Optional.of(new DateReading(null, LocalTime.of(clock.hour, minute, second), null, SECOND,
          joined(deviations), null, null));
    }
    return iso(text).or(() -> slashed(text));
  }

  private static Optional<DateReading> iso(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String time = m.group(3).length() == 5 ? m.group(3) + ":00" : m.group(3).replace(',', '.');
    Duration precision = m.group(4) == null ? MINUTE : SECOND;
    String name = m.group(2).equals("T") || m.group(5) != null ? "ISO-8601" : "a 24-hour \"YYYY-MM-DD HH:mm\" date";
    try {
      LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + time);
      if (m.group(5) == null) {
        return Optional.of(new DateReading(local, null, null, precision, name, null, null));
      }
      String offset = m.group(5).equals("Z") ? "Z" : m.group(5).replaceAll("^([+-]\\d{2}):?(\\d{2})$", "$1:$2");
      return Optional.of(new DateReading(null, null, OffsetDateTime.parse(local + offset,
          DateTimeFormatter.ISO_OFFSET_DATE_TIME), precision, name, null, null));
    } catch (DateTimeException e) {
      return Optional.of(faulty("is no calendar date"));
    }
  }

  private static Optional<DateReading> slashed(String text) {
    Matcher m = SLASHED.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int hour = Integer.parseInt(m.group(4));
    int minute = Integer.parseInt(m.group(5));
    LocalDateTime local = hour > 23 || minute > 59 ? null : dateTime(Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), hour, minute);
    if (local == null) {
      return Optional.of(faulty("is no calendar date"));
    }
    Duration precision = MINUTE;
    if (m.group(6) != null) {
      local = local.withSecond(Math.min(59, Integer.parseInt(m.group(6))));
      precision = SECOND;
    }
    return Optional.of(new DateReading(local, null, null, precision, "a 24-hour \"YYYY/M/D H:mm:ss\" date", null, null));
  }

  /** Whether the text is in the documented shape, whatever time it shows. */
  boolean documented() {
    return deviation == null && fault == null;
  }

  /** The verdict on this reading: the current time (perhaps in another zone), or a wrong one. */
  MatchResult judge(String place, String text, String example, Clock clock,
                    Function<LocalDateTime, String> show) {
    if (fault != null) {
      return MatchResult.fail(place + text + " " + fault);
    }
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), clock.getZone());
    String shown = "the simulator's clock at receipt (\"" + show.apply(now) + "\")";
    Duration offset = offsetFrom(now, clock);
    if (offset.abs().compareTo(SLACK) <= 0) {
      return deviation == null ? MatchResult.pass()
          : MatchResult.nonStrict(place + text + " is a date, but not in the documented format like \"" + example
              + "\" (" + deviation + ")");
    }
    if (swapped != null && distance(swapped, now).abs().compareTo(SLACK) <= 0) {
      return MatchResult.fail(place + text + " has day and month swapped (month first); compare " + shown);
    }
    Duration zone = Duration.ofMinutes(Math.round(offset.toSeconds() / 1800.0) * 30);
    boolean twelve = zone.abs().equals(Duration.ofHours(12));
    if (!zone.isZero() && zone.abs().compareTo(WIDEST_ZONE_GAP) <= 0 && !twelve
        && offsetFrom(now.plus(zone), clock).abs().compareTo(SLACK) <= 0) {
      return MatchResult.nonStrict(place + text + " is " + span(zone) + (zone.isNegative() ? " behind " : " ahead of ")
          + shown + ": a server in another time zone (offset " + (zone.isNegative() ? "-" : "+")
          + String.format("%d:%02d", zone.abs().toHours(), zone.abs().toMinutesPart()) + ")"
          + (deviation == null ? "" : ", and not in the documented format (" + deviation + ")"));
    }
    Duration fromStart = offset.isNegative() ? offset.minus(precision) : offset; // behind: from the value's start
    Duration shownOffset = Duration.ofSeconds(Math.round(fromStart.toSeconds() / (double) precision.toSeconds())
        * precision.toSeconds());
    return MatchResult.fail(place + text + " is not the current time: " + span(shownOffset)
        + (offset.isNegative() ? " behind " : " ahead of ") + shown + (twelve ? " (am and pm mixed up?)" : ""));
  }

  /** How far this reading is from {@code now} (zero inside its precision), negative when behind. */
  private Duration offsetFrom(LocalDateTime now, Clock clock) {
    if (instant != null) {
      return distance(LocalDateTime.ofInstant(instant.toInstant(), clock.getZone()), now);
    }
    if (local != null) {
      return distance(local, now);
    }
    Duration best = null;
    for (int days = -1; days <= 1; days++) { // a time of day is nearest on one of three days
      Duration candidate = distance(now.toLocalDate().plusDays(days).atTime(timeOfDay), now);
      best = best == null || candidate.abs().compareTo(best.abs()) < 0 ? candidate : best;
    }
    return best;
  }

  /** Zero when {@code now} falls inside [value, value + precision); else the gap, negative when behind. */
  private Duration distance(LocalDateTime value, LocalDateTime now) {
    if (now.isBefore(value)) {
      return Duration.between(now, value);
    }
    LocalDateTime end = value.plus(precision);
    return now.isBefore(end) ? Duration.ZERO : Duration.between(now, end);
  }

  private static DateReading faulty(String fault) {
    return new DateReading(null, null, null, MINUTE, null, fault, null);
  }

  private static LocalDateTime dateTime(int year, int month, int day, int hour, int minute) {
    try {
      return LocalDateTime.of(year, month, day, hour, minute);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String joined(List<String> deviations) {
    return deviations.isEmpty() ? null : String.join(", ", deviations);
  }

  /** {@code 8 h}, {@code 5 h 30 min}, {@code 3 days 2 h}, {@code 45 s}. */
  static String span(Duration duration) {
    Duration d = duration.abs();
    StringBuilder text = new StringBuilder();
    if (d.toDays() > 0) {
      text.append(d.toDays()).append(d.toDays() == 1 ? " day " : " days ");
    }
    if (d.toHoursPart() > 0) {
      text.append(d.toHoursPart()).append(" h ");
    }
    if (d.toMinutesPart() > 0) {
      text.append(d.toMinutesPart()).append(" min ");
    }
    if (d.toDays() == 0 && d.toHours() == 0 && (d.toSecondsPart() > 0 || text.length() == 0)) {
      text.append(d.toSecondsPart()).append(" s ");
    }
    return text.toString().strip();
  }

  /** An hour on a 12-hour clock with its meridiem, or on a 24-hour clock without one. */
  private record Clock12(int hour, String fault) {
    static Clock12 read(int hour, String meridiem, List<String> deviations) {
      return read(hour, meridiem, deviations, "am");
    }

    static Clock12 read(int hour, String meridiem, List<String> deviations, String documentedCase) {
      if (meridiem == null) {
        deviations.add("a 24-hour clock without " + documentedCase + "/" + (documentedCase.equals("am") ? "pm" : "PM"));
        return hour > 23 ? new Clock12(0, "has hour " + hour) : new Clock12(hour, null);
      }
      String documented = Character.isUpperCase(documentedCase.charAt(0))
          ? meridiem.toUpperCase(java.util.Locale.ROOT) : meridiem.toLowerCase(java.util.Locale.ROOT);
      if (!meridiem.equals(documented)) {
        deviations.add(meridiem + " instead of " + documented);
      }
      if (hour == 0 || hour > 12) {
        return new Clock12(0, "has the hour on a 24-hour clock (" + hour + ") with " + meridiem
            + "; the documented hour is 1 to 12");
      }
      boolean pm = meridiem.equalsIgnoreCase("pm");
      return new Clock12(hour % 12 + (pm ? 12 : 0), null);
    }
  }
}

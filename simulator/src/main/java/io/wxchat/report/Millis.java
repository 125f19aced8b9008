package io.wxchat.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Nanoseconds shown as milliseconds: exact to the microsecond for files, rounded for people. */
final class Millis {
  private Millis() {
  }

  /** {@code 12345678} ns is {@code 12.346} ms. */
  static BigDecimal exact(long nanos) {
    return BigDecimal.valueOf(nanos).movePointLeft(6).setScale(3, RoundingMode.HALF_UP);
  }

  /** Whole milliseconds, as Autobahn's {@code duration}. */
  static long whole(long nanos) {
    return Math.round(nanos / 1e6);
  }

  /** Seconds with three decimals, as JUnit XML's {@code time}. */
  static String seconds(long nanos) {
    return BigDecimal.valueOf(Math.max(0, nanos)).movePointLeft(9).setScale(3, RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code +12.345} for a timeline. */
  static String offset(long nanos) {
    return "+" + exact(nanos).toPlainString();
  }

  /** {@code 0.42 ms}, {@code 12.3 ms}, {@code 2.05 s}. */
  static String label(long nanos) {
    double ms = nanos / 1e6;
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2f ms", ms);
    }
    if (ms < 1000) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    return String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }
}

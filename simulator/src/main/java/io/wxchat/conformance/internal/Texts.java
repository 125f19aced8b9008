package io.wxchat.conformance.internal;

import java.util.Locale;

/** How frames and times are written into failure messages. */
final class Texts {
  private static final int LONGEST = 300;

  private Texts() {
  }

  /** The first 300 characters of {@code text}, and its length if it is longer. */
  static String shorten(String text) {
    return text.length() > LONGEST ? text.substring(0, LONGEST) + "... (" + text.length() + " chars)" : text;
  }

  /** {@code 0.1 ms} under 10 ms, {@code 340 ms} above. */
  static String millis(long nanos) {
    double ms = nanos / 1e6;
    return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : Math.round(ms) + " ms";
  }
}

package io.wxchat.report;

/**
 * Makes hostile text safe to write: server output may hold control characters and (from broken
 * decoders) unpaired surrogates, which UTF-8 encoders reject and XML 1.0 forbids.
 */
final class SafeText {
  private static final char REPLACEMENT = '\uFFFD';
  // U+2400..U+241F are the "control pictures": a visible stand-in for each C0 control character
  private static final char CONTROL_PICTURES = '\u2400';
  private static final char DELETE_PICTURE = '\u2421';

  private SafeText() {
  }

  /** Replaces unpaired surrogates (which cannot be encoded as UTF-8) with U+FFFD; null becomes "". */
  static String forJson(String text) {
    return clean(text, false);
  }

  /**
   * Also shows C0 controls (but tab, line feed, carriage return) and DEL as control pictures, and
   * replaces U+FFFE and U+FFFF: what is left is legal in XML 1.0 and readable in HTML.
   */
  static String forMarkup(String text) {
    return clean(text, true);
  }

  /** At most the first {@code max} chars of {@code text}, without splitting a surrogate pair. */
  static String prefix(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  private static String clean(String text, boolean markup) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char replacement = c;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
        replacement = REPLACEMENT;
      } else if (Character.isLowSurrogate(c)) {
        replacement = REPLACEMENT;
      } else if (markup) {
        replacement = markupChar(c);
      }
      if (replacement != c && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(replacement);
      }
    }
    return out == null ? text : out.toString();
  }

  private static char markupChar(char c) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return (char) (CONTROL_PICTURES + c);
    }
    if (c == 0x7F) {
      return DELETE_PICTURE;
    }
    if (c == '\uFFFE' || c == '\uFFFF') {
      return REPLACEMENT;
    }
    return c;
  }
}

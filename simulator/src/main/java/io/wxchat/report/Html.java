package io.wxchat.report;

/** Text made safe to put between tags or inside a quoted attribute: server output is hostile input. */
final class Html {
  private Html() {
  }

  static String escape(String text) {
    String safe = SafeText.forMarkup(text);
    StringBuilder out = new StringBuilder(safe.length() + 16);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The anchor of a case's details, {@code case-operator.2.1}. */
  static String caseAnchor(String id) {
    return "case-" + id;
  }

  /** The anchor of one target's run of a case, {@code case-operator.2.1--1}. */
  static String runAnchor(String id, int target) {
    return "case-" + id + "--" + target;
  }
}

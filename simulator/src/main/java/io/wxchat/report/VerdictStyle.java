package io.wxchat.report;

import io.wxchat.conformance.Verdict;

/** How each verdict is named in Autobahn's vocabulary and shown to people. */
final class VerdictStyle {
  private VerdictStyle() {
  }

  /** Autobahn's {@code behavior}: OK, NON-STRICT, FAILED, UNIMPLEMENTED, INFORMATIONAL. */
  static String behavior(Verdict verdict) {
    return verdict == Verdict.PASSED ? "OK" : label(verdict);
  }

  /** PASSED, NON-STRICT, FAILED, UNIMPLEMENTED, INFORMATIONAL. */
  static String label(Verdict verdict) {
    return verdict.name().replace('_', '-');
  }

  /** A symbol beside the label, so the verdict never rests on colour alone. */
  static String icon(Verdict verdict) {
    return switch (verdict) {
      case PASSED -> "\u2713";
      case NON_STRICT -> "\u2248";
      case FAILED -> "\u2717";
      case UNIMPLEMENTED -> "\u2205";
      case INFORMATIONAL -> "i";
    };
  }

  /** The CSS class of a cell or badge. */
  static String cssClass(Verdict verdict) {
    return "v-" + verdict.id().replace('_', '-');
  }
}

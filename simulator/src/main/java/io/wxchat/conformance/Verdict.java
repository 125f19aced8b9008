package io.wxchat.conformance;

import java.util.Locale;

/** A case's grade, Autobahn-style. */
public enum Verdict {
  /** Behaves as documented. */
  PASSED,
  /** Works, but deviates from documented details (another date format, a full-width colon). */
  NON_STRICT,
  /** Breaks a rule. */
  FAILED,
  /** Could not be judged: the target lacks a capability the case needs (e.g. no operator driver). */
  UNIMPLEMENTED,
  /** Recorded for information; never passes or fails a run. */
  INFORMATIONAL;

  /** Whether a run with this verdict still exits 0 ({@code strict}: NON_STRICT counts as a failure). */
  public boolean acceptable(boolean strict) {
    return this != FAILED && !(strict && this == NON_STRICT);
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.wxchat.scenario;

/** The outcome of one matcher against one received message, with the reason when it is not a pass. */
public record MatchResult(Outcome outcome, String detail) {
  /** Ordered from best to worst so that combining takes the maximum. */
  public enum Outcome { PASS, NON_STRICT, FAIL }

  private static final MatchResult PASS = new MatchResult(Outcome.PASS, "");

  public static MatchResult pass() {
    return PASS;
  }

  public static MatchResult nonStrict(String detail) {
    return new MatchResult(Outcome.NON_STRICT, detail);
  }

  public static MatchResult fail(String detail) {
    return new MatchResult(Outcome.FAIL, detail);
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }

  public boolean failed() {
    return outcome == Outcome.FAIL;
  }

  /** The worse of the two; details of equal outcomes are joined. */
  public MatchResult and(MatchResult other) {
    if (other.outcome.compareTo(outcome) > 0) {
      return other;
    }
    if (other.outcome == outcome && outcome != Outcome.PASS) {
      return new MatchResult(outcome, detail + "; " + other.detail);
    }
    return this;
  }
}

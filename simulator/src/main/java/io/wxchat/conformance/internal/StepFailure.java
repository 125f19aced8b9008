package io.wxchat.conformance.internal;

/** A failed expectation: what was awaited, for how long, and what came closest. */
final class StepFailure extends Exception {
  private static final long serialVersionUID = 1L;
  final String expected;
  final String closest;
  final long waitedMillis;

  StepFailure(String problem, String expected, String closest, long waitedMillis) {
    super(problem, null, false, false);
    this.expected = expected;
    this.closest = closest;
    this.waitedMillis = waitedMillis;
  }

  static StepFailure of(String problem) {
    return new StepFailure(problem, null, null, -1);
  }
}

package io.wxchat.conformance.internal;

import io.wxchat.conformance.Failure;
import java.util.List;

/** A failed step, thrown through the steps; {@link #failure()} is what the result carries. */
final class StepFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Failure failure;

  StepFailure(Failure.Kind kind, String problem, String expected, List<Failure.Near> closest, long waitedMillis) {
    this(new Failure(kind, "", problem, expected, closest, waitedMillis, List.of(), ""));
  }

  private StepFailure(Failure failure) {
    super(failure.problem(), null, false, false);
    this.failure = failure;
  }

  /** A wrong frame, close or status. */
  static StepFailure mismatch(String problem, String expected, List<Failure.Near> closest, long waitedMillis) {
    return new StepFailure(Failure.Kind.MISMATCH, problem, expected, closest, waitedMillis);
  }

  /** Nothing arrived within the wait. */
  static StepFailure late(String problem, String expected, List<Failure.Near> closest, long waitedMillis) {
    return new StepFailure(Failure.Kind.LATE, problem, expected, closest, waitedMillis);
  }

  /** A step that failed without awaiting anything (a connect refused, a line not delivered). */
  static StepFailure of(String problem) {
    return new StepFailure(Failure.Kind.MISMATCH, problem, "", List.of(), -1);
  }

  /** The step could not run as written (a client not connected): the scenario's fault, or the harness's. */
  static StepFailure cannotRun(String problem) {
    return new StepFailure(Failure.Kind.HARNESS, problem, "", List.of(), -1);
  }

  Failure failure() {
    return failure;
  }

  boolean named() {
    return !failure.step().isEmpty();
  }

  /** The same failure, at step {@code step} ({@code 4.500.1 (send, client slow)}). */
  StepFailure at(String step) {
    return new StepFailure(new Failure(failure.kind(), step, failure.problem(), failure.expected(), failure.closest(),
        failure.waitedMillis(), failure.details(), failure.transcript()));
  }
}

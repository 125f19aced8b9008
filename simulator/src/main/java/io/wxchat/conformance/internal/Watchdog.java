package io.wxchat.conformance.internal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, once, how a case ended: it finished ({@link #finish}, from the case's thread) or its
 * watchdog stopped it ({@link #fire}, from the timer). Whichever comes first wins; the other does
 * nothing. Only a watchdog that wins interrupts the case's thread and closes what it was blocked on,
 * and once {@link #finish} returns no interrupt of this watchdog is pending or still to come.
 */
final class Watchdog {
  /** The watchdog stopped the case; {@code stuck}: the step that had been running longest, if any. */
  record Stop(Optional<Running.Entry> stuck) {
  }

  private final Thread caseThread;
  private final Supplier<Optional<Running.Entry>> stuck;
  private final Runnable close;
  private boolean decided; // guarded by this
  private Stop stop; // guarded by this

  /** {@code close}: unblocks the case's clients; run on a thread of its own, the timer must not wait for it. */
  Watchdog(Thread caseThread, Supplier<Optional<Running.Entry>> stuck, Runnable close) {
    this.caseThread = caseThread;
    this.stuck = stuck;
    this.close = close;
  }

  /** The time is up: stops the case unless it has finished. */
  void fire() {
    Optional<Running.Entry> where = stuck.get(); // before closing: closing ends the step that was stuck
    synchronized (this) {
      if (decided) {
        return;
      }
      decided = true;
      stop = new Stop(where);
      caseThread.interrupt(); // inside the lock: finish() cannot clear the flag before it is set
    }
    Thread closer = new Thread(close, "case-stop");
    closer.setDaemon(true);
    closer.start();
  }

  /**
   * The case's steps returned (or threw): the stop, if the watchdog fired first, else empty and the
   * watchdog will not act. Either way the calling thread's interrupt flag is cleared.
   */
  Optional<Stop> finish() {
    Optional<Stop> result;
    synchronized (this) {
      decided = true;
      result = Optional.ofNullable(stop);
    }
    Thread.interrupted(); // a watchdog's interrupt must not leak into the next case
    return result;
  }
}

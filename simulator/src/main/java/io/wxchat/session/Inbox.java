package io.wxchat.session;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/** What a client has received and not yet read, in arrival order; waits are bounded. */
public final class Inbox {
  private final BlockingDeque<Received> received = new LinkedBlockingDeque<>();

  /** Called by the session as frames arrive. */
  public void add(Received frame) {
    received.addLast(frame);
  }

  /** The next unread frame or close, waiting at most {@code within}; empty if nothing came. */
  public Optional<Received> next(Duration within) throws InterruptedException {
    return Optional.ofNullable(received.poll(within.toNanos(), TimeUnit.NANOSECONDS));
  }

  /** Puts {@code frame} back in front, to be returned by the next {@link #next}. */
  public void unread(Received frame) {
    received.addFirst(frame);
  }
}

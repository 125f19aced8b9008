package io.wxchat.conformance.internal;

import java.util.concurrent.TimeUnit;

/**
 * Measures how late the harness's own threads run: a thread asks to sleep 10 ms again and again
 * and keeps the worst overshoot. A busy machine (other builds, server launches, 32 cases at once)
 * shows here before it shows as a late reply.
 */
public final class LatenessProbe implements AutoCloseable {
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private final Thread thread;
  private volatile long worstNanos;
  private volatile boolean stopped;

  private LatenessProbe() {
    thread = new Thread(this::measure, "lateness-probe");
    thread.setDaemon(true);
  }

  public static LatenessProbe start() {
    LatenessProbe probe = new LatenessProbe();
    probe.thread.start();
    return probe;
  }

  /** The worst overshoot so far, in nanoseconds. */
  public long worstNanos() {
    return worstNanos;
  }

  private void measure() {
    while (!stopped) {
      long before = System.nanoTime();
      try {
        TimeUnit.NANOSECONDS.sleep(PERIOD_NANOS);
      } catch (InterruptedException e) {
        return;
      }
      long late = System.nanoTime() - before - PERIOD_NANOS;
      if (late > worstNanos) {
        worstNanos = late;
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}

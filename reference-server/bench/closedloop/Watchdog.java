package closedloop;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Says when a reply is slow and fails the round when one is missing past the reply timeout. */
final class Watchdog implements AutoCloseable {
  private static final long TICK_MILLIS = 50;
  private final long slowNanos;
  private final long timeoutNanos;
  private final Thread thread;
  private volatile Round round;
  private volatile List<Connection> conns = List.of();
  private volatile boolean stopped;

  Watchdog(Options options) {
    this.slowNanos = TimeUnit.MILLISECONDS.toNanos(options.slowMs());
    this.timeoutNanos = options.replyTimeoutNanos();
    thread = new Thread(this::loop, "closed-loop-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  void watch(Round r, List<Connection> watched) {
    conns = watched;
    round = r;
  }

  void unwatch() {
    round = null;
    conns = List.of();
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }

  private void loop() {
    while (!stopped) {
      try {
        Thread.sleep(TICK_MILLIS); // a periodic scan of the outstanding sends, not a wait for an event
      } catch (InterruptedException e) {
        return;
      }
      Round r = round;
      if (r != null) {
        scan(r, System.nanoTime());
      }
    }
  }

  private void scan(Round r, long now) {
    for (Connection c : conns) {
      long sent = c.sentAt;
      if (sent == 0 || c.round != r) {
        continue;
      }
      long waited = now - sent;
      if (waited > timeoutNanos) {
        r.fail(String.format(Locale.ROOT, "client %d message %d: no reply after %.1f s (sent \"%s\")",
            c.id, c.seq, waited / 1e9, c.sentText));
        return;
      }
      if (waited > slowNanos && !c.slowReported) {
        c.slowReported = true;
        int n = r.waitingNotes.incrementAndGet();
        if (n <= 20) {
          System.out.printf(Locale.ROOT, "  waiting: client %d message %d has had no reply for %.1f s (at %s)%s%n",
              c.id, c.seq, waited / 1e9, java.time.LocalTime.now(),
              n == 20 ? "; further waiting notices of this run are not printed" : "");
        }
      }
    }
  }
}

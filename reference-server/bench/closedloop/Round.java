package closedloop;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One closed loop over a set of connections: counts, latencies, errors, and when it is done. A run
 * in slices starts the same round again on the same connections: counts and latencies add up, and
 * its time is the sum of the slices' times.
 */
final class Round {
  private final int perConnection;
  private final long slowNanos;
  final Histogram latency = new Histogram();
  private final LongAdder messages = new LongAdder();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger slow = new AtomicInteger();
  final AtomicInteger waitingNotes = new AtomicInteger();
  private final AtomicReference<String> fatal = new AtomicReference<>();
  private final AtomicInteger remaining = new AtomicInteger();
  private volatile CountDownLatch done = new CountDownLatch(1);
  private long startNanos;
  private volatile long endNanos;
  private long wallNanos;

  Round(int perConnection, int slowMs) {
    this.perConnection = perConnection;
    this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMs);
  }

  /** Starts (or, for the next slice, starts again) every connection on its {@code perConnection} messages. */
  void start(List<Connection> conns) {
    done = new CountDownLatch(1);
    endNanos = 0;
    remaining.set(conns.size());
    startNanos = System.nanoTime();
    if (conns.isEmpty()) {
      endNanos = startNanos;
      done.countDown();
    }
    for (Connection c : conns) {
      c.begin(this);
    }
  }

  /** Records a reply; true when the connection should send its next message. */
  boolean record(Connection c, String sent, String reply, long nanos, long now) {
    messages.increment();
    latency.record(nanos / 1000);
    if (nanos > slowNanos && slow.incrementAndGet() <= 20) {
      note(String.format(Locale.ROOT, "slow reply: client %d message %d took %.3f s (reply at %s)",
          c.id, c.seq, nanos / 1e9, java.time.LocalTime.now()));
    }
    String problem = EchoReply.check(sent, reply);
    if (problem != null) {
      error("client " + c.id + " message " + c.seq + ": " + problem);
    }
    boolean more = c.seq < perConnection;
    if (!more && remaining.decrementAndGet() == 0) {
      endNanos = now;
      done.countDown();
    }
    return more && fatal.get() == null;
  }

  /** A bad reply: counted, the first ten printed; the run fails at its end. */
  void error(String what) {
    if (errors.incrementAndGet() <= 10) {
      note("bad reply: " + what);
    }
  }

  /** The run cannot go on (a reply missing too long, a connection dropped): it ends now, failed. */
  void fail(String why) {
    if (fatal.compareAndSet(null, why)) {
      System.out.println("  FAILED: " + why);
      if (endNanos == 0) {
        endNanos = System.nanoTime();
      }
    }
    done.countDown();
  }

  /** Waits for the slice started last; its time, to its last reply (or now), counts in the run's. */
  boolean await(long nanos) throws InterruptedException {
    boolean finished = done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    long end = endNanos != 0 ? endNanos : System.nanoTime();
    wallNanos += end - startNanos;
    return finished;
  }

  boolean failed() {
    return fatal.get() != null;
  }

  void fillIn(RunResult r, Usage usage) {
    r.messages = messages.sum();
    r.wallMillis = wallNanos / 1e6;
    r.p50 = latency.percentile(0.50);
    r.p99 = latency.percentile(0.99);
    r.max = latency.max();
    r.slow = slow.get();
    r.errors = errors.get();
    r.usage = usage;
    String f = fatal.get();
    if (f != null) {
      r.problem = f;
    } else if (r.errors > 0) {
      r.problem = r.errors + " malformed replies";
    }
  }

  private static void note(String line) {
    System.out.println("  " + line);
  }
}

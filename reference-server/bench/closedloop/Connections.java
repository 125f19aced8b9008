package closedloop;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The connections of one run: opened with a bound on handshakes in flight, closed with a bound. */
final class Connections {
  final List<Connection> open;
  final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger unexpected = new AtomicInteger();
  volatile boolean closing;
  long wallNanos;

  private Connections(int capacity) {
    open = new ArrayList<>(capacity);
  }

  /** Opens {@code count} connections to {@code uri}, at most {@code concurrency} handshakes at once. */
  static Connections open(IoLoop loop, URI uri, int count, int concurrency, Duration timeout)
      throws InterruptedException {
    Connections set = new Connections(count);
    Semaphore permits = new Semaphore(concurrency);
    CountDownLatch settled = new CountDownLatch(count);
    long bound = timeout.toMillis();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (!permits.tryAcquire(bound + 1000, TimeUnit.MILLISECONDS)) {
        // unreachable while every handshake is bounded by orTimeout below; kept so that a bug in the
        // client cannot hang the driver
        set.failures.add("no handshake finished within " + (bound / 1000 + 1) + " s; stopped at connection " + i);
        for (int j = i; j < count; j++) {
          settled.countDown();
        }
        break;
      }
      Connection c = new Connection(i, set, loop, uri);
      loop.execute(c::start);
      c.opened.orTimeout(bound, TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
        if (error == null) {
          set.opened(c);
        } else {
          c.abort();
          set.failures.add("connection " + c.id + ": " + describe(error));
        }
        permits.release();
        settled.countDown();
      });
    }
    if (!settled.await(bound + 5000, TimeUnit.MILLISECONDS)) {
      set.failures.add("handshakes still pending after " + (bound / 1000 + 5) + " s");
    }
    set.wallNanos = System.nanoTime() - start;
    set.sortOpen();
    return set;
  }

  private synchronized void opened(Connection c) {
    open.add(c);
  }

  private synchronized void sortOpen() {
    open.sort((a, b) -> Integer.compare(a.id, b.id));
  }

  /** A frame no message asked for: the first five are printed. */
  void unexpected(String what) {
    if (unexpected.incrementAndGet() <= 5) {
      System.out.println("  unexpected: " + what);
    }
  }

  /** Close handshake on every connection; those that do not finish within {@code bound} are aborted. */
  void closeAll(Duration bound) throws InterruptedException {
    closing = true;
    List<CompletableFuture<Void>> all = new ArrayList<>(open.size());
    for (Connection c : open) {
      c.round = null;
      if (!c.closed.isDone()) {
        c.close();
      }
      all.add(c.closed);
    }
    try {
      CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      int aborted = 0;
      for (Connection c : open) {
        if (!c.closed.isDone()) {
          c.abort();
          aborted++;
        }
      }
      System.out.println("  close: " + aborted + " connections did not finish the close handshake within "
          + bound.toSeconds() + " s and were aborted");
    }
  }

  static String describe(Throwable error) {
    Throwable t = error;
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof TimeoutException) {
      return "timed out";
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}

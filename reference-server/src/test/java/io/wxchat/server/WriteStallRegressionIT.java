package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Pins the workaround for Java-WebSocket 1.6.0's lost write demand (see ConnectionWatchdog): under
 * concurrent request/reply a reply could sit unsent for 1-53 s. 50 connections in a closed loop for
 * 30 s; every reply must arrive within 5 s.
 *
 * <p>Why 5 s: a reply whose write demand was lost waits for the next write demand on its own
 * connection, which in a closed loop comes only with the 60 s ping (hence the 1-53 s measured): 5 s
 * still catches almost every such stall, while a busy machine's scheduling (one run failed at 1 s
 * beside six other builds) does not. Healthy runs measure 57-63 ms.
 */
class WriteStallRegressionIT {
  private static final int CONNECTIONS = 50;
  private static final Duration RUN = Duration.ofSeconds(30);
  private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** Pushes sent back to back before the test waits for all of them. */
  private static final int BURST = 10;
  // a field, not a local: the JDK closes an HttpClient's selector once the client is unreachable
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void fifty_connections_in_a_closed_loop_for_thirty_seconds_get_every_reply_within_five_seconds()
      throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.ECHO)).start()) {
      long end = System.nanoTime() + RUN.toNanos();
      CountDownLatch done = new CountDownLatch(CONNECTIONS);
      AtomicLong replies = new AtomicLong();
      AtomicLong worstNanos = new AtomicLong();
      List<Loop> loops = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        loops.add(new Loop(end, done, replies, worstNanos));
      }
      List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
      for (Loop loop : loops) {
        sockets.add(HTTP.newWebSocketBuilder().buildAsync(server.uri(), loop));
      }
      sockets.forEach(CompletableFuture::join);
      // every loop ends itself at the deadline, or on its own one-second watchdog
      boolean finished = done.await(RUN.toSeconds() + 10, TimeUnit.SECONDS);

      assertThat(finished).as("all loops finished; a reply was stuck for more than 5 s otherwise").isTrue();
      assertThat(worstNanos.get()).as("slowest reply (ns) of %d", replies.get()).isLessThan(LIMIT_NANOS);
      assertThat(replies.get()).isGreaterThan(CONNECTIONS * 100L);
      System.out.printf("closed loop: %d replies in %s, slowest %.1f ms, re-armed write demands %d%n",
          replies.get(), RUN, worstNanos.get() / 1e6, server.rearmedWrites());
      sockets.forEach(f -> f.join().abort());
    }
  }

  @Test
  void operator_pushes_from_another_thread_reach_every_client_within_five_seconds() throws Exception {
    // Replies are written by the selector thread itself; pushes come from the console or API thread,
    // which is where the library can lose a write demand. 50 clients, pushes for 10 s, in bursts so
    // that a lost one would show (before, the next push re-armed it within a millisecond). The race
    // is rare: healthy runs re-arm nothing, and this passes with the re-arm switched off too (16,650
    // pushes); LostWriteDemandIT builds the state the race leaves and pins the re-arm itself.
    int clients = 50;
    Duration run = Duration.ofSeconds(10);
    try (ReferenceServer server = ReferenceServer.create(cfg -> { }).start()) {
      java.util.concurrent.ConcurrentHashMap<Integer, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
      AtomicLong worst = new AtomicLong();
      AtomicLong received = new AtomicLong();
      java.util.concurrent.Semaphore arrivals = new java.util.concurrent.Semaphore(0);
      List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        sockets.add(HTTP.newWebSocketBuilder().buildAsync(server.uri(), new WebSocket.Listener() {
          private final StringBuilder frame = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            frame.append(data);
            String text = frame.toString();
            int at = text.indexOf("push ");
            if (last) {
              frame.setLength(0);
            }
            if (last && at >= 0) {
              int id = Integer.parseInt(text.substring(at + 5, text.indexOf('"', at)));
              worst.accumulateAndGet(System.nanoTime() - sentAt.get(id), Math::max);
              received.incrementAndGet();
              arrivals.release();
            }
            ws.request(1);
            return null;
          }
        }));
      }
      sockets.forEach(CompletableFuture::join);
      long end = System.nanoTime() + run.toNanos();
      int pushes = 0;
      long awaited = 0;
      while (System.nanoTime() < end) {
        sentAt.put(pushes, System.nanoTime());
        assertThat(server.say("push " + pushes)).isEqualTo(clients);
        pushes++;
        if (pushes % BURST == 0) {
          // then quiet until every client has the whole burst: a push whose write demand was lost
          // stays unsent, since nothing else writes to its socket, and only the watchdog sends it
          long expected = (long) pushes * clients;
          assertThat(arrivals.tryAcquire((int) (expected - awaited), LIMIT_NANOS, TimeUnit.NANOSECONDS))
              .as("the burst ending with push %d at every client within 5 s (write demands re-armed so far: %d)",
                  pushes - 1, server.rearmedWrites()).isTrue();
          awaited = expected;
        }
      }
      long all = (long) pushes * clients;
      boolean arrived = arrivals.tryAcquire((int) (all - awaited), 5, TimeUnit.SECONDS);
      assertThat(arrived).as("pushes received: %d of %d", received.get(), all).isTrue();
      assertThat(worst.get()).as("slowest push (ns)").isLessThan(LIMIT_NANOS);
      System.out.printf("pushes: %d x %d clients, slowest %.1f ms, re-armed write demands %d%n",
          pushes, clients, worst.get() / 1e6, server.rearmedWrites());
      sockets.forEach(f -> f.join().abort());
    }
  }

  /** One client: send, wait for the reply, send again, until the deadline. */
  private static final class Loop implements WebSocket.Listener {
    private final long end;
    private final CountDownLatch done;
    private final AtomicLong replies;
    private final AtomicLong worst;
    private final java.util.concurrent.ScheduledExecutorService timer = TIMER;
    private volatile long sentAt;
    private volatile java.util.concurrent.ScheduledFuture<?> stuck;

    Loop(long end, CountDownLatch done, AtomicLong replies, AtomicLong worst) {
      this.end = end;
      this.done = done;
      this.replies = replies;
      this.worst = worst;
    }

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
      send(ws);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      if (last) {
        stuck.cancel(false);
        long took = System.nanoTime() - sentAt;
        worst.accumulateAndGet(took, Math::max);
        replies.incrementAndGet();
        if (System.nanoTime() < end) {
          send(ws);
        } else {
          done.countDown();
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ws.request(1);
      return null;
    }

    private void send(WebSocket ws) {
      sentAt = System.nanoTime();
      // a reply later than the limit fails the test at once instead of waiting for the whole run
      stuck = timer.schedule(() -> {
        worst.accumulateAndGet(System.nanoTime() - sentAt, Math::max);
        done.countDown();
      }, LIMIT_NANOS, TimeUnit.NANOSECONDS);
      ws.sendText("消息", true);
    }
  }

  private static final java.util.concurrent.ScheduledExecutorService TIMER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stall-timer");
        t.setDaemon(true);
        return t;
      });
}

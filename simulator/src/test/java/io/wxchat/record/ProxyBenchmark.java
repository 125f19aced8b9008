package io.wxchat.record;

import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.session.ClientOptions;
import io.wxchat.session.ClientSession;
import io.wxchat.session.ClientSessions;
import io.wxchat.session.Received;
import io.wxchat.session.Transcript;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * The recording proxy's overhead, against the reference server (echo profile) directly and through a
 * recording {@link WireProxy}, in interleaved rounds. Two phases with 100 clients:
 * <ul>
 *   <li>saturated: every client does round trips back to back (a closed loop: on 2 cores this is
 *       the machine's capacity, and the latency added is mostly the lower throughput), then a burst
 *       of 400 messages each (messages per second);</li>
 *   <li>paced: every client sends one text every {@code N} ms (default 20: 5,000 round trips a
 *       second offered), so the machine is not saturated and the median and p99 show the latency
 *       the proxy adds to each round trip.</li>
 * </ul>
 * Run with {@code java -cp simulator/target/simulator.jar:simulator/target/test-classes
 * io.wxchat.record.ProxyBenchmark [N-ms-between-sends [seconds-per-paced-round]]}.
 */
public final class ProxyBenchmark {
  private static final int CLIENTS = 100;
  private static final int ROUND_TRIPS = 200;
  private static final int BURST = 400;

  private ProxyBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    long everyMillis = args.length > 0 ? Long.parseLong(args[0]) : 20;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 5;
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.ECHO)).start()) {
      SessionRecorder recorder = new SessionRecorder("bench.proxy", "bench", List.of(), false);
      try (WireProxy proxy = WireProxy.to(server.uri()).recordInto(recorder).start()) {
        System.out.println("saturated: " + CLIENTS + " clients, each " + ROUND_TRIPS + " round trips back to back,"
            + " then a burst of " + BURST + " messages each");
        measure("warm-up direct", server.uri());
        measure("warm-up proxy", proxy.uri());
        for (int round = 1; round <= 3; round++) {
          measure("direct #" + round, server.uri());
          measure("proxy  #" + round, proxy.uri());
        }
        System.out.printf("paced: %d clients, each one text every %d ms = %.0f round trips/s offered, %d s a round%n",
            CLIENTS, everyMillis, CLIENTS * 1000.0 / everyMillis, seconds);
        paced("warm-up direct", server.uri(), everyMillis, 1);
        paced("warm-up proxy", proxy.uri(), everyMillis, 1);
        for (int round = 1; round <= 3; round++) {
          paced("direct #" + round, server.uri(), everyMillis, seconds);
          paced("proxy  #" + round, proxy.uri(), everyMillis, seconds);
        }
      }
    }
  }

  /**
   * Each client sends at its own fixed times ({@code every} apart, the clients spread evenly over
   * the period) and times each reply from its send; a send whose time passed while the previous
   * reply was awaited goes at once and counts as late (what a saturated machine would show).
   */
  private static void paced(String label, URI uri, long everyMillis, long seconds) throws Exception {
    List<ClientSession> clients = open(uri);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long period = everyMillis * 1_000_000;
    long start = System.nanoTime() + 100_000_000; // every client is waiting for its first slot
    int sends = (int) (seconds * 1000 / everyMillis);
    try {
      List<Future<long[]>> trips = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        ClientSession client = clients.get(i);
        long first = start + period * i / CLIENTS;
        trips.add(pool.submit(() -> pacedTrips(client, first, period, sends)));
      }
      long[] all = new long[CLIENTS * sends];
      int n = 0;
      int late = 0;
      for (Future<long[]> trip : trips) {
        long[] result = trip.get();
        late += (int) result[sends];
        System.arraycopy(result, 0, all, n, sends);
        n += sends;
      }
      double took = (System.nanoTime() - start) / 1e9;
      Arrays.sort(all);
      System.out.printf("%-16s %d clients paced: %d round trips in %.2f s (%.0f/s), median %.3f ms, p99 %.3f ms,"
              + " max %.3f ms; %d sends late%n", label, CLIENTS, all.length, took, all.length / took,
          all[all.length / 2] / 1e6, all[all.length * 99 / 100] / 1e6, all[all.length - 1] / 1e6, late);
    } finally {
      pool.shutdownNow();
      clients.forEach(ClientSession::close);
    }
  }

  /** The round trips of one paced client, then (in the last slot) how many sends went late. */
  private static long[] pacedTrips(ClientSession client, long first, long period, int sends)
      throws InterruptedException {
    long[] nanos = new long[sends + 1];
    for (int i = 0; i < sends; i++) {
      long due = first + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait); // the pace itself: this is the schedule, not a wait for a condition
      } else if (i > 0 && wait < -period / 10) {
        nanos[sends]++;
      }
      long sent = System.nanoTime();
      client.send("paced " + i);
      take(client);
      nanos[i] = System.nanoTime() - sent;
    }
    return nanos;
  }

  private static List<ClientSession> open(URI uri) throws Exception {
    List<ClientSession> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(ClientSessions.open(uri, "c" + i, new ClientOptions("/", Map.of(), List.of(), false,
          Duration.ofSeconds(10)), new Transcript(), null));
    }
    return clients;
  }

  private static void measure(String label, URI uri) throws Exception {
    List<ClientSession> clients = open(uri);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<long[]>> trips = new ArrayList<>();
      for (ClientSession client : clients) {
        trips.add(pool.submit(() -> roundTrips(client)));
      }
      long[] all = new long[CLIENTS * ROUND_TRIPS];
      int n = 0;
      for (Future<long[]> trip : trips) {
        for (long nanos : trip.get()) {
          all[n++] = nanos;
        }
      }
      Arrays.sort(all);
      long start = System.nanoTime();
      List<Future<Integer>> bursts = new ArrayList<>();
      for (ClientSession client : clients) {
        bursts.add(pool.submit(() -> burst(client)));
      }
      int replies = 0;
      for (Future<Integer> burst : bursts) {
        replies += burst.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%-16s %d clients: round trip median %.3f ms, p99 %.3f ms; burst %d replies in %.2f s ="
              + " %.0f messages/s each way (%.0f frames/s forwarded)%n", label, CLIENTS, all[all.length / 2] / 1e6,
          all[all.length * 99 / 100] / 1e6, replies, seconds, replies / seconds, 2 * replies / seconds);
    } finally {
      pool.shutdownNow();
      clients.forEach(ClientSession::close);
    }
  }

  private static long[] roundTrips(ClientSession client) throws InterruptedException {
    long[] nanos = new long[ROUND_TRIPS];
    for (int i = 0; i < ROUND_TRIPS; i++) {
      long start = System.nanoTime();
      client.send("ping " + i);
      take(client);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  private static int burst(ClientSession client) throws InterruptedException {
    for (int i = 0; i < BURST; i++) {
      client.send("burst " + i);
    }
    for (int i = 0; i < BURST; i++) {
      take(client);
    }
    return BURST;
  }

  private static void take(ClientSession client) throws InterruptedException {
    Optional<Received> next = client.inbox().next(Duration.ofSeconds(30));
    if (next.isEmpty() || !(next.get() instanceof Received.Text)) {
      throw new IllegalStateException(client.name() + ": no reply within 30 s: " + next);
    }
  }
}

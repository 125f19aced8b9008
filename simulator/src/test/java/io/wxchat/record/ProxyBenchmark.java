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

/**
 * The recording proxy's overhead: median round trip with 100 clients and messages per second, against
 * the reference server (echo profile) directly and through a recording {@link WireProxy}. Run with
 * {@code java -cp simulator/target/simulator.jar:simulator/target/test-classes io.wxchat.record.ProxyBenchmark}.
 */
public final class ProxyBenchmark {
  private static final int CLIENTS = 100;
  private static final int ROUND_TRIPS = 200;
  private static final int BURST = 400;

  private ProxyBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.ECHO)).start()) {
      SessionRecorder recorder = new SessionRecorder("bench.proxy", "bench", List.of(), false);
      try (WireProxy proxy = WireProxy.to(server.uri()).recordInto(recorder).start()) {
        measure("warm-up direct", server.uri());
        measure("warm-up proxy", proxy.uri());
        for (int round = 1; round <= 3; round++) {
          measure("direct #" + round, server.uri());
          measure("proxy  #" + round, proxy.uri());
        }
      }
    }
  }

  private static void measure(String label, URI uri) throws Exception {
    List<ClientSession> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(ClientSessions.open(uri, "c" + i, new ClientOptions("/", Map.of(), List.of(), false,
          Duration.ofSeconds(10)), new Transcript(), null));
    }
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

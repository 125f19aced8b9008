import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * WebSocket load driver for chat servers: closed-loop throughput, a soak with a latency ceiling,
 * and an idle-connection hold. Run it with {@code java reference-server/bench/LoadDriver.java --help}.
 *
 * <p>One file on purpose: it runs by JEP 330 source launch with the JDK alone, so it cannot share
 * code (or bugs) with the server it measures. All connections share one or a few
 * {@link HttpClient}s, whose selector thread multiplexes every socket, so 10,000 connections cost
 * a handful of threads.
 */
public final class LoadDriver {

  static final String USAGE = """
      usage: java reference-server/bench/LoadDriver.java MODE [options]

      modes:
        closed-loop  every client connects, then sends a text and waits for its reply before
                     sending the next; reports throughput and latency per run
                       --url [NAME=]URL       target; repeat to compare servers, runs interleave A B A B
                       --clients N            connections per run (default 100)
                       --messages N           messages per client per run (default 200)
                       --warmup-runs N        unreported runs per target first (default 1)
                       --runs N               measured runs per target (default 1)
        soak         the same closed loop for a duration; exit 1 if any reply took over --slow-ms
                       --url URL  --clients N (default 50)  --seconds N (default 30)
        idle         opens N connections, holds them, then checks a sample and then all of them
                     still get a reply
                       --url URL  --connections N (default 10000)  --hold-seconds N (default 10)
                       --sample-every N (default 100)
                       --hold-until-file PATH  hold until PATH exists, --hold-seconds at most (so a
                                               script can measure something else meanwhile)

      common options:
        --expect echo|json          echo: reply must be {"content":"服务器回复:"+sent,"timestamp":"h:mm:ss AM"}
                                    json: reply must be a JSON object (operator mode) (default echo)
        --slow-ms N                 a reply slower than this is reported as slow (default 1000)
        --reply-timeout-seconds N   a reply missing this long fails the run (default 10)
        --connect-timeout-seconds N per handshake (default 10)
        --handshake-concurrency N   handshakes in flight at once (default 200)
        --client nio|jdk            nio: the driver's own RFC 6455 client on java.nio, the cheapest per
                                    message; jdk: java.net.http.WebSocket, to cross-check (default nio)
        --io-threads N              selector threads (jdk: HttpClient instances) (default 1)
        --jdk-threads N             jdk only: callback threads, 0 runs them on the selector thread (default 0)
        --server-pid [NAME=]PID     also report that process's CPU time per run (Linux /proc)
        --settle-seconds N          before each run wait up to N s for other processes to go quiet
                                    (under 15% of a core); 0 never waits (default 0)
        --help                      this text

      Every run line is followed by a machine-readable 'RESULT key=value ...' line.
      Exit codes: 0 all good, 1 a run failed (missing/malformed/slow reply, connect failure), 2 bad arguments.
      """;

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (UsageException e) {
      System.err.println("LoadDriver: " + e.getMessage());
      System.err.println("run with --help for usage");
      code = 2;
    } catch (InterruptedException e) {
      System.err.println("LoadDriver: interrupted");
      code = 1;
    }
    System.out.flush();
    // Bounded exit: JDK 17's HttpClient has no close(), so do not wait for its threads.
    System.exit(code);
  }

  static int run(String[] args) throws UsageException, InterruptedException {
    if (args.length == 0 || Arrays.asList(args).contains("--help") || args[0].equals("-h")) {
      System.out.print(USAGE);
      return 0;
    }
    Options options = Options.parse(args);
    try (Driver driver = new Driver(options)) {
      switch (options.mode) {
        case "closed-loop":
          return driver.closedLoop();
        case "soak":
          return driver.soak();
        case "idle":
          return driver.idle();
        default:
          throw new IllegalStateException(options.mode);
      }
    }
  }

  /** Bad command line: the message says what is wrong and what is allowed. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** A server under test, named for the reports. */
  record Target(String name, URI uri, long pid) {}

  static final class Options {
    static final Map<String, List<String>> MODE_OPTIONS = Map.of(
        "closed-loop", List.of("--clients", "--messages", "--warmup-runs", "--runs"),
        "soak", List.of("--clients", "--seconds"),
        "idle", List.of("--connections", "--hold-seconds", "--sample-every", "--hold-until-file"));
    static final List<String> COMMON = List.of("--url", "--expect", "--slow-ms",
        "--reply-timeout-seconds", "--connect-timeout-seconds", "--handshake-concurrency",
        "--client", "--io-threads", "--jdk-threads", "--server-pid", "--settle-seconds");

    String mode;
    final Map<String, String> values = new LinkedHashMap<>();
    final List<String> urls = new ArrayList<>();
    final List<String> pids = new ArrayList<>();
    List<Target> targets;

    static Options parse(String[] args) throws UsageException {
      Options o = new Options();
      o.mode = args[0];
      if (!MODE_OPTIONS.containsKey(o.mode)) {
        throw new UsageException("unknown mode \"" + o.mode + "\"; expected one of [closed-loop, soak, idle]");
      }
      List<String> allowed = new ArrayList<>(MODE_OPTIONS.get(o.mode));
      allowed.addAll(COMMON);
      for (int i = 1; i < args.length; i++) {
        String name = args[i];
        if (!allowed.contains(name)) {
          throw new UsageException("unknown option \"" + name + "\" for " + o.mode + "; expected one of " + allowed);
        }
        if (i + 1 >= args.length) {
          throw new UsageException(name + " needs a value");
        }
        String value = args[++i];
        if (name.equals("--url")) {
          o.urls.add(value);
        } else if (name.equals("--server-pid")) {
          o.pids.add(value);
        } else if (o.values.put(name, value) != null) {
          throw new UsageException(name + " given twice");
        }
      }
      o.targets = o.targets();
      return o;
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
      String text = values.get(name);
      if (text == null) {
        return fallback;
      }
      try {
        int value = Integer.parseInt(text.replace("_", ""));
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new UsageException(name + " must be an integer in [" + min + "," + max + "]: " + text);
    }

    String expect() throws UsageException {
      String value = values.getOrDefault("--expect", "echo");
      if (!value.equals("echo") && !value.equals("json")) {
        throw new UsageException("--expect must be one of [echo, json]: " + value);
      }
      return value;
    }

    private List<Target> targets() throws UsageException {
      if (urls.isEmpty()) {
        throw new UsageException("--url is required, e.g. --url ws://127.0.0.1:8080/");
      }
      if (urls.size() > 1 && !mode.equals("closed-loop")) {
        throw new UsageException("--url given " + urls.size() + " times; only closed-loop compares several targets");
      }
      Map<String, Long> pidByName = new LinkedHashMap<>();
      for (String entry : pids) {
        String[] parts = split(entry);
        try {
          long pid = Long.parseLong(parts[1]);
          if (pidByName.put(parts[0], pid) != null) {
            throw new UsageException("--server-pid given twice for " + parts[0]);
          }
        } catch (NumberFormatException e) {
          throw new UsageException("--server-pid must be [NAME=]PID with a numeric PID: " + entry);
        }
      }
      List<Target> result = new ArrayList<>();
      for (String entry : urls) {
        String[] parts = split(entry);
        String name = parts[0].isEmpty() ? "target" + (result.size() + 1) : parts[0];
        if (result.stream().anyMatch(t -> t.name().equals(name))) {
          throw new UsageException("--url name used twice: " + name);
        }
        Long pid = pidByName.remove(parts[0]);
        result.add(new Target(name, uri(parts[1]), pid == null ? 0 : pid));
      }
      if (!pidByName.isEmpty()) {
        throw new UsageException("--server-pid names no --url: " + pidByName.keySet());
      }
      return result;
    }

    /** "NAME=VALUE" or "VALUE" (a ws:// URL is never split at its own '='). */
    private static String[] split(String entry) {
      int eq = entry.indexOf('=');
      if (eq < 0 || entry.startsWith("ws://") || entry.startsWith("wss://")) {
        return new String[] {"", entry};
      }
      return new String[] {entry.substring(0, eq), entry.substring(eq + 1)};
    }

    private static URI uri(String text) throws UsageException {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw new UsageException("--url is not a URL: " + text);
      }
      if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
        throw new UsageException("--url must start with ws:// or wss://: " + text);
      }
      if (uri.getHost() == null) {
        throw new UsageException("--url has no host: " + text);
      }
      // Load is only ever sent to this machine.
      boolean loopback;
      try {
        loopback = InetAddress.getByName(uri.getHost()).isLoopbackAddress();
      } catch (IOException e) {
        loopback = false;
      }
      if (!loopback) {
        throw new UsageException("--url must point at this machine (a loopback address such as 127.0.0.1): " + text);
      }
      return uri;
    }
  }

  /** Owns the HttpClients, the callback threads and the reply watchdog. */
  static final class Driver implements AutoCloseable {
    final Options options;
    final int slowMs;
    final long replyTimeoutNanos;
    final Duration connectTimeout;
    final int handshakeConcurrency;
    final Validator validator;
    final Transport transport;
    final Watchdog watchdog;
    final int settleSeconds;

    Driver(Options options) throws UsageException {
      this.options = options;
      slowMs = options.integer("--slow-ms", 1000, 1, 3_600_000);
      replyTimeoutNanos = TimeUnit.SECONDS.toNanos(options.integer("--reply-timeout-seconds", 10, 1, 3600));
      connectTimeout = Duration.ofSeconds(options.integer("--connect-timeout-seconds", 10, 1, 600));
      handshakeConcurrency = options.integer("--handshake-concurrency", 200, 1, 10_000);
      validator = new Validator(options.expect());
      settleSeconds = options.integer("--settle-seconds", 0, 0, 3600);
      int ioThreads = options.integer("--io-threads", 1, 1, 16);
      String client = options.values.getOrDefault("--client", "nio");
      if (client.equals("nio")) {
        if (options.values.containsKey("--jdk-threads")) {
          throw new UsageException("--jdk-threads applies to --client jdk only");
        }
        transport = new Nio(ioThreads);
      } else if (client.equals("jdk")) {
        transport = new Jdk(ioThreads, options.integer("--jdk-threads", 0, 0, 64), connectTimeout);
      } else {
        throw new UsageException("--client must be one of [nio, jdk]: " + client);
      }
      watchdog = new Watchdog(slowMs, replyTimeoutNanos);
    }

    int closedLoop() throws UsageException, InterruptedException {
      int clientCount = options.integer("--clients", 100, 1, 19_000);
      int messages = options.integer("--messages", 200, 1, 100_000_000);
      int warmups = options.integer("--warmup-runs", 1, 0, 1000);
      int runs = options.integer("--runs", 1, 0, 1000);
      List<Target> targets = options.targets;
      System.out.printf(Locale.ROOT, "closed-loop: %d clients x %d messages, %d warmup + %d measured runs per target, targets %s%n",
          clientCount, messages, warmups, runs, targets.stream().map(t -> t.name() + "=" + t.uri()).toList());
      Map<Target, List<RunResult>> measured = new LinkedHashMap<>();
      targets.forEach(t -> measured.put(t, new ArrayList<>()));
      boolean failed = false;
      for (int w = 1; w <= warmups; w++) {
        for (Target target : targets) {
          RunResult r = loopRun(target, clientCount, messages, 0, "warmup " + w + "/" + warmups);
          failed |= !r.ok();
        }
      }
      for (int run = 1; run <= runs; run++) {
        for (Target target : targets) {
          RunResult r = loopRun(target, clientCount, messages, 0, "run " + run + "/" + runs);
          measured.get(target).add(r);
          failed |= !r.ok();
        }
      }
      if (runs > 0) {
        Summary.print(measured);
      }
      return failed ? 1 : 0;
    }

    int soak() throws UsageException, InterruptedException {
      int clientCount = options.integer("--clients", 50, 1, 19_000);
      int seconds = options.integer("--seconds", 30, 1, 86_400);
      Target target = options.targets.get(0);
      System.out.printf(Locale.ROOT, "soak: %d clients in a closed loop for %d s against %s; slow means > %d ms%n",
          clientCount, seconds, target.uri(), slowMs);
      RunResult r = loopRun(target, clientCount, 0, seconds, "soak");
      return r.ok() && r.slow == 0 ? 0 : 1;
    }

    /** One closed-loop run on fresh connections: connect, loop, close. */
    RunResult loopRun(Target target, int clientCount, int messages, int seconds, String label)
        throws InterruptedException {
      settle();
      Connection.Set set = connect(target.uri(), clientCount);
      RunResult result = new RunResult(target.name(), label);
      result.connectMillis = set.wallNanos / 1e6;
      if (!set.failures.isEmpty()) {
        result.problem = set.failures.size() + " of " + clientCount + " connections failed, first: " + set.failures.peek();
        set.closeAll(Duration.ofSeconds(5));
        result.print();
        return result;
      }
      long deadline = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : 0;
      Round round = new Round(validator, messages, deadline, slowMs);
      Usage before = Usage.now(target.pid());
      round.start(set.open);
      watchdog.watch(round, set.open);
      // Each reply is bounded by the watchdog; the whole run is bounded too, so that a server that
      // answers just under the reply timeout forever still ends.
      long bound = seconds > 0
          ? TimeUnit.SECONDS.toNanos(seconds) + replyTimeoutNanos + TimeUnit.SECONDS.toNanos(5)
          : Math.max(TimeUnit.MINUTES.toNanos(10), replyTimeoutNanos * 2);
      long waitedUntil = System.nanoTime() + bound;
      while (!round.await(Math.min(TimeUnit.SECONDS.toNanos(5), waitedUntil - System.nanoTime()))) {
        if (System.nanoTime() >= waitedUntil) {
          round.fail("run did not finish within " + TimeUnit.NANOSECONDS.toSeconds(bound) + " s");
          break;
        }
        if (seconds > 0) {
          System.out.printf(Locale.ROOT, "  ... %s: %d messages so far, max latency so far %d us, slow %d%n",
              label, round.messages.sum(), round.latency.max(), round.slow.get());
        }
      }
      watchdog.unwatch();
      Usage after = Usage.now(target.pid());
      round.fillIn(result, after.minus(before));
      set.closeAll(Duration.ofSeconds(5));
      result.print();
      return result;
    }

    int idle() throws UsageException, InterruptedException {
      int count = options.integer("--connections", 10_000, 1, 19_000);
      int hold = options.integer("--hold-seconds", 10, 0, 86_400);
      int every = options.integer("--sample-every", 100, 1, 1_000_000);
      Target target = options.targets.get(0);
      System.out.printf(Locale.ROOT, "idle: %d connections to %s, %d handshakes at once, hold %d s, then a round trip on every %dth, then on all%n",
          count, target.uri(), handshakeConcurrency, hold, every);
      settle();
      Usage before = Usage.now(target.pid());
      Connection.Set set = connect(target.uri(), count);
      Usage afterConnect = Usage.now(target.pid());
      boolean ok = set.failures.isEmpty();
      System.out.printf(Locale.ROOT, "connect: %d of %d open in %.1f ms (%.0f handshakes/s); handshake us p50=%d p99=%d max=%d; failures %d%s%s%n",
          set.open.size(), count, set.wallNanos / 1e6, set.open.size() / (set.wallNanos / 1e9),
          set.handshake.percentile(0.50), set.handshake.percentile(0.99), set.handshake.max(),
          set.failures.size(), set.failures.isEmpty() ? "" : ", first: " + set.failures.peek(),
          cpu(afterConnect.minus(before)));
      String release = options.values.get("--hold-until-file");
      Usage holdStart = Usage.now(target.pid());
      long holdEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(hold);
      while (System.nanoTime() < holdEnd && (release == null || !Files.exists(Path.of(release)))) {
        Thread.sleep(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(holdEnd - System.nanoTime()))));
      }
      int dropped = set.closedByPeer();
      Usage held = Usage.now(target.pid()).minus(holdStart);
      System.out.printf(Locale.ROOT, "hold: %.1f s%s; connections closed by the server or the network while idle: %d%s%n",
          held.wallNanos() / 1e9, release != null && !Files.exists(Path.of(release)) ? " (" + release + " never appeared)" : "",
          dropped, cpu(held));
      ok &= dropped == 0;
      List<Connection> sample = new ArrayList<>();
      for (int i = 0; i < set.open.size(); i += every) {
        sample.add(set.open.get(i));
      }
      ok &= idleRound("sample (every " + every + "th)", sample, target);
      ok &= idleRound("all", set.open, target);
      int stillOpen = set.open.size() - set.closedByPeer();
      set.closeAll(Duration.ofSeconds(15));
      System.out.printf(Locale.ROOT, "RESULT mode=idle connections=%d open=%d failures=%d dropped=%d connect_ms=%.1f still_open=%d ok=%b%n",
          count, set.open.size(), set.failures.size(), dropped, set.wallNanos / 1e6, stillOpen, ok);
      System.out.println(ok ? "idle: PASS, the server held every connection and still answers on all of them"
          : "idle: FAIL");
      return ok ? 0 : 1;
    }

    private boolean idleRound(String label, List<Connection> conns, Target target) throws InterruptedException {
      Round round = new Round(validator, 1, 0, slowMs);
      Usage before = Usage.now(target.pid());
      round.start(conns);
      watchdog.watch(round, conns);
      round.await(replyTimeoutNanos + TimeUnit.SECONDS.toNanos(5));
      watchdog.unwatch();
      if (round.remaining.get() > 0) {
        round.fail(round.remaining.get() + " replies still missing");
      }
      RunResult r = new RunResult(target.name(), "idle " + label);
      round.fillIn(r, Usage.now(target.pid()).minus(before));
      r.print();
      return r.ok();
    }

    /**
     * Waits, at most --settle-seconds, until the machine is quiet: this driver and the servers are
     * idle between runs, so CPU use now is someone else's (a build, a test suite) and would make
     * the next run slow for reasons that have nothing to do with the server.
     */
    void settle() throws InterruptedException {
      if (settleSeconds == 0) {
        return;
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
      long start = System.nanoTime();
      while (true) {
        long before = Usage.machineMillis()[0];
        Thread.sleep(250);
        long busy = Usage.machineMillis()[0] - before;
        double percentOfCore = busy * 100.0 / 250;
        if (before < 0 || percentOfCore < 15) {
          long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          if (waited > 500) {
            System.out.printf(Locale.ROOT, "  settle: waited %.1f s for other processes to go quiet%n", waited / 1000.0);
          }
          return;
        }
        if (System.nanoTime() > end) {
          System.out.printf(Locale.ROOT, "  settle: other processes still use %.0f%% of a core after %d s; measuring anyway%n",
              percentOfCore, settleSeconds);
          return;
        }
      }
    }

    /** Opens {@code count} connections with at most --handshake-concurrency handshakes in flight. */
    Connection.Set connect(URI uri, int count) throws InterruptedException {
      Connection.Set set = new Connection.Set(count);
      Semaphore permits = new Semaphore(handshakeConcurrency);
      CountDownLatch settled = new CountDownLatch(count);
      Duration bound = connectTimeout.plusSeconds(2);
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        if (!permits.tryAcquire(bound.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
          // Unreachable while every handshake is bounded by orTimeout below; kept so a JDK bug
          // cannot hang the driver.
          set.failures.add("no handshake finished within " + bound.toSeconds() + " s; stopped at connection " + i);
          for (int j = i; j < count; j++) {
            settled.countDown();
          }
          break;
        }
        long t0 = System.nanoTime();
        Connection c = transport.connect(uri, i, set, connectTimeout);
        c.opened
            .orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS)
            .whenComplete((ok, error) -> {
              if (error == null) {
                set.handshake.record((System.nanoTime() - t0) / 1000);
                set.opened(c);
              } else {
                c.abort();
                set.failures.add("connection " + c.id + ": " + describe(error));
              }
              permits.release();
              settled.countDown();
            });
      }
      if (!settled.await(bound.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
        set.failures.add("handshakes still pending after " + (bound.toSeconds() + 5) + " s");
      }
      set.wallNanos = System.nanoTime() - start;
      set.sortOpen();
      return set;
    }

    @Override
    public void close() {
      watchdog.stop();
      transport.close();
    }
  }

  /**
   * One WebSocket connection and its closed loop, whatever client library carries it. The loop
   * has at most one message outstanding, so a connection's callbacks never overlap.
   */
  abstract static class Connection {
    final int id;
    final Set set;
    volatile boolean closedByPeer;
    final CompletableFuture<Void> opened = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    // Loop state, written by whichever thread runs the callback, read by the watchdog.
    volatile Round round;
    volatile long sentAt;
    volatile boolean slowReported;
    int seq;
    String sentText;

    Connection(int id, Set set) {
      this.id = id;
      this.set = set;
    }

    /** Sends one text frame; called with no other send of this connection in progress. */
    abstract void send(String text);

    /** Starts the close handshake. */
    abstract void close();

    /** Drops the connection without a close handshake. */
    abstract void abort();

    void begin(Round r) {
      round = r;
      seq = 0;
      sendNext();
    }

    private void sendNext() {
      seq++;
      String text = "hello from client " + id + " #" + seq;
      sentText = text;
      slowReported = false;
      sentAt = System.nanoTime();
      send(text);
    }

    final void received(String reply) {
      long now = System.nanoTime();
      Round r = round;
      long sent = sentAt;
      if (r == null || sent == 0) {
        set.unexpected("client " + id + ": reply with no message outstanding: " + Validator.clip(reply));
        return;
      }
      sentAt = 0;
      if (r.record(this, sentText, reply, now - sent, now)) {
        sendNext();
      }
    }

    final void receivedBinary() {
      Round r = round;
      if (r != null) {
        r.error("client " + id + " message " + seq + ": binary frame where a JSON text frame was expected");
      }
    }

    final void sendFailed(Throwable error) {
      Round r = round;
      if (r != null) {
        r.fail("client " + id + " message " + seq + ": send failed: " + describe(error));
      }
    }

    final void peerClosed(int code, String reason) {
      closedByPeer = !set.closing;
      Round r = round;
      if (r != null && sentAt != 0) {
        r.fail("client " + id + " message " + seq + ": server closed the connection (code " + code
            + (reason.isEmpty() ? "" : ", reason \"" + reason + "\"") + ") before replying");
      }
      closed.complete(null);
    }

    final void failed(Throwable error) {
      closedByPeer = !set.closing;
      Round r = round;
      if (r != null && sentAt != 0) {
        r.fail("client " + id + " message " + seq + ": connection failed before the reply: " + describe(error));
      }
      opened.completeExceptionally(error);
      closed.complete(null);
    }

    /** The connections of one run. */
    static final class Set {
      final List<Connection> open;
      final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      final Histogram handshake = new Histogram();
      final AtomicInteger unexpected = new AtomicInteger();
      volatile boolean closing;
      long wallNanos;

      Set(int capacity) {
        open = new ArrayList<>(capacity);
      }

      synchronized void opened(Connection c) {
        open.add(c);
      }

      synchronized void sortOpen() {
        open.sort((a, b) -> Integer.compare(a.id, b.id));
      }

      void unexpected(String what) {
        if (unexpected.incrementAndGet() <= 5) {
          System.out.println("  unexpected: " + what);
        }
      }

      int closedByPeer() {
        int n = 0;
        for (Connection c : open) {
          n += c.closedByPeer ? 1 : 0;
        }
        return n;
      }

      /** Close handshake on every connection, abort those that do not finish within the bound. */
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
          CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
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
    }
  }

  /** Opens connections with one client library. */
  interface Transport extends AutoCloseable {
    Connection connect(URI uri, int id, Connection.Set set, Duration timeout);

    @Override
    void close();
  }

  /** The JDK's java.net.http WebSocket: simplest, but about 3x the CPU per message of {@link Nio}. */
  static final class Jdk implements Transport {
    private final ExecutorService callbacks;
    private final HttpClient[] clients;

    Jdk(int httpClients, int threads, Duration connectTimeout) {
      // threads == 0 runs callbacks on the client's selector thread: cheapest, and safe here
      // because the listener never blocks.
      callbacks = threads == 0 ? new DirectExecutor() : Executors.newFixedThreadPool(threads, daemon("jdk-callback"));
      clients = new HttpClient[httpClients];
      for (int i = 0; i < httpClients; i++) {
        clients[i] = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .executor(callbacks)
            .build();
      }
    }

    @Override
    public Connection connect(URI uri, int id, Connection.Set set, Duration timeout) {
      JdkConnection c = new JdkConnection(id, set);
      clients[id % clients.length].newWebSocketBuilder()
          .connectTimeout(timeout)
          .buildAsync(uri, c)
          .whenComplete((ws, error) -> {
            if (error != null) {
              c.opened.completeExceptionally(error);
            }
          });
      return c;
    }

    @Override
    public void close() {
      callbacks.shutdownNow();
    }
  }

  static final class JdkConnection extends Connection implements WebSocket.Listener {
    private volatile WebSocket ws;
    private final StringBuilder partial = new StringBuilder();
    // The JDK allows one send in progress. A reply can arrive (and trigger the next send) before
    // the previous send's future completes, so a send that finds one in progress is queued.
    private boolean sending;
    private String queued;

    JdkConnection(int id, Set set) {
      super(id, set);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      ws = webSocket;
      if (opened.isDone()) {
        webSocket.abort();
        return;
      }
      // One demand for everything: saves a request(1) call per message.
      webSocket.request(Long.MAX_VALUE);
      opened.complete(null);
    }

    @Override
    void send(String text) {
      synchronized (this) {
        if (sending) {
          queued = text;
          return;
        }
        sending = true;
      }
      sendNow(text);
    }

    private void sendNow(String text) {
      ws.sendText(text, true).whenComplete((w, error) -> {
        if (error != null) {
          sendFailed(error);
        }
        String next;
        synchronized (this) {
          next = queued;
          queued = null;
          sending = next != null;
        }
        if (next != null) {
          sendNow(next);
        }
      });
    }

    @Override
    void close() {
      WebSocket w = ws;
      if (w == null) {
        closed.complete(null);
        return;
      }
      w.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").whenComplete((x, e) -> {
        if (e != null) {
          abort();
        }
      });
    }

    @Override
    void abort() {
      WebSocket w = ws;
      if (w != null) {
        w.abort();
      }
      closed.complete(null);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (!last) {
        partial.append(data);
      } else if (partial.length() > 0) {
        String reply = partial.append(data).toString();
        partial.setLength(0);
        received(reply);
      } else {
        received(data.toString());
      }
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      if (last) {
        receivedBinary();
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      peerClosed(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      failed(error);
    }
  }

  static final class DirectExecutor extends AbstractExecutorService {
    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  /**
   * A minimal RFC 6455 client on java.nio: one selector thread per loop, no futures or hand-offs
   * per message, so the driver spends a fraction of the server's CPU (see bench/README.md).
   */
  static final class Nio implements Transport {
    private final IoLoop[] loops;

    Nio(int threads) {
      loops = new IoLoop[threads];
      for (int i = 0; i < threads; i++) {
        loops[i] = new IoLoop("nio-loop-" + (i + 1));
      }
    }

    @Override
    public Connection connect(URI uri, int id, Connection.Set set, Duration timeout) {
      IoLoop loop = loops[id % loops.length];
      NioConnection c = new NioConnection(id, set, loop, uri);
      loop.execute(c::start);
      return c;
    }

    @Override
    public void close() {
      for (IoLoop loop : loops) {
        loop.stop();
      }
    }
  }

  static final class IoLoop implements Runnable {
    static final int MAX_FRAME = 1 << 20;
    final Selector selector;
    final Thread thread;
    /** Shared by every connection of this loop: a read never outlives its callback. */
    final ByteBuffer readBuffer = ByteBuffer.allocate(MAX_FRAME + 64);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    IoLoop(String name) {
      try {
        selector = Selector.open();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      thread = daemon(name).newThread(this);
      thread.start();
    }

    boolean inLoop() {
      return Thread.currentThread() == thread;
    }

    void execute(Runnable task) {
      tasks.add(task);
      selector.wakeup();
    }

    void stop() {
      stopped = true;
      selector.wakeup();
    }

    @Override
    public void run() {
      while (!stopped) {
        try {
          selector.select();
        } catch (IOException e) {
          System.out.println("  nio loop: select failed: " + e);
          return;
        }
        // A throw here would silently stop every connection of this loop: report and go on.
        try {
          Runnable task;
          while ((task = tasks.poll()) != null) {
            task.run();
          }
          for (SelectionKey key : selector.selectedKeys()) {
            ((NioConnection) key.attachment()).ready(key);
          }
        } catch (RuntimeException | Error e) {
          System.out.println("  nio loop: unexpected " + e);
        }
        selector.selectedKeys().clear();
      }
      for (SelectionKey key : selector.keys()) {
        try {
          key.channel().close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  static final class NioConnection extends Connection {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private final IoLoop loop;
    private final URI uri;
    private SocketChannel channel;
    private SelectionKey key;
    private String acceptKey;
    private boolean handshaken;
    private boolean closeSent;
    private byte[] leftover;
    private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>();
    private ByteArrayOutputStream fragments;
    private int fragmentOpcode;

    NioConnection(int id, Set set, IoLoop loop, URI uri) {
      super(id, set);
      this.loop = loop;
      this.uri = uri;
    }

    /** On the loop thread. */
    void start() {
      if (opened.isDone()) {
        return; // timed out before the loop got to it
      }
      try {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        boolean connected = channel.connect(new InetSocketAddress(uri.getHost(), port));
        key = channel.register(loop.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        if (connected) {
          sendHandshake();
        }
      } catch (IOException | RuntimeException e) {
        drop(e);
      }
    }

    private void sendHandshake() throws IOException {
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String requestKey = Base64.getEncoder().encodeToString(nonce);
      try {
        acceptKey = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
            .digest((requestKey + GUID).getBytes(StandardCharsets.US_ASCII)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      String request = "GET " + path + " HTTP/1.1\r\n"
          + "Host: " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "\r\n"
          + "Upgrade: websocket\r\n"
          + "Connection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + requestKey + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n";
      write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    /** On the loop thread, for a selected key. */
    void ready(SelectionKey k) {
      try {
        if (!k.isValid()) {
          return;
        }
        if (k.isConnectable()) {
          channel.finishConnect();
          k.interestOps(SelectionKey.OP_READ);
          sendHandshake();
          return;
        }
        if (k.isWritable()) {
          flush();
        }
        if (k.isValid() && k.isReadable()) {
          read();
        }
      } catch (IOException | RuntimeException e) {
        drop(e);
      }
    }

    private void read() throws IOException {
      ByteBuffer buf = loop.readBuffer;
      buf.clear();
      if (leftover != null) {
        buf.put(leftover);
        leftover = null;
      }
      int n = channel.read(buf);
      buf.flip();
      if (n < 0 && !buf.hasRemaining()) {
        drop(new IOException("server closed the TCP connection without a close frame"));
        return;
      }
      if (!handshaken && !readHandshake(buf)) {
        keep(buf);
        return;
      }
      readFrames(buf);
      keep(buf);
      if (n < 0 && channel.isOpen()) {
        drop(new IOException("server closed the TCP connection without a close frame"));
      }
    }

    private void keep(ByteBuffer buf) throws IOException {
      if (!buf.hasRemaining()) {
        return;
      }
      if (buf.remaining() >= buf.capacity() - 64) {
        throw new IOException("frame or handshake larger than " + IoLoop.MAX_FRAME + " bytes");
      }
      leftover = new byte[buf.remaining()];
      buf.get(leftover);
    }

    /** Consumes the 101 response; false while it is incomplete. */
    private boolean readHandshake(ByteBuffer buf) throws IOException {
      int end = -1;
      for (int i = buf.position(); i + 3 < buf.limit(); i++) {
        if (buf.get(i) == '\r' && buf.get(i + 1) == '\n' && buf.get(i + 2) == '\r' && buf.get(i + 3) == '\n') {
          end = i + 4;
          break;
        }
      }
      if (end < 0) {
        if (buf.remaining() > 16_384) {
          throw new IOException("handshake response longer than 16 KiB");
        }
        return false;
      }
      String head = new String(buf.array(), buf.position(), end - buf.position(), StandardCharsets.ISO_8859_1);
      buf.position(end);
      String[] lines = head.split("\r\n");
      if (!lines[0].startsWith("HTTP/1.1 101")) {
        throw new IOException("handshake refused: " + lines[0]);
      }
      String accept = null;
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
          accept = line.substring(colon + 1).trim();
        }
      }
      if (!acceptKey.equals(accept)) {
        throw new IOException("handshake: Sec-WebSocket-Accept is " + accept + ", expected " + acceptKey);
      }
      handshaken = true;
      if (opened.isDone()) {
        abort(); // timed out meanwhile
        return false;
      }
      opened.complete(null);
      return true;
    }

    private void readFrames(ByteBuffer buf) throws IOException {
      while (buf.remaining() >= 2 && channel.isOpen()) {
        int p = buf.position();
        int b0 = buf.get(p) & 0xff;
        int b1 = buf.get(p + 1) & 0xff;
        if ((b0 & 0x70) != 0 || (b1 & 0x80) != 0) {
          throw new IOException("protocol error: reserved bits set or masked frame from the server");
        }
        long length = b1 & 0x7f;
        int header = 2;
        if (length == 126) {
          if (buf.remaining() < 4) {
            return;
          }
          length = buf.getShort(p + 2) & 0xffff;
          header = 4;
        } else if (length == 127) {
          if (buf.remaining() < 10) {
            return;
          }
          length = buf.getLong(p + 2);
          header = 10;
        }
        if (length < 0 || length > IoLoop.MAX_FRAME) {
          throw new IOException("frame of " + length + " bytes; the driver accepts up to " + IoLoop.MAX_FRAME);
        }
        if (buf.remaining() < header + length) {
          return;
        }
        int start = p + header;
        buf.position(start + (int) length);
        frame((b0 & 0x80) != 0, b0 & 0x0f, buf.array(), start, (int) length);
      }
    }

    private void frame(boolean fin, int opcode, byte[] data, int offset, int length) throws IOException {
      switch (opcode) {
        case 0x1, 0x2 -> {
          if (fin) {
            message(opcode, data, offset, length);
          } else {
            fragmentOpcode = opcode;
            fragments = new ByteArrayOutputStream();
            fragments.write(data, offset, length);
          }
        }
        case 0x0 -> {
          if (fragments == null) {
            throw new IOException("protocol error: continuation frame with no message started");
          }
          fragments.write(data, offset, length);
          if (fin) {
            byte[] whole = fragments.toByteArray();
            fragments = null;
            message(fragmentOpcode, whole, 0, whole.length);
          }
        }
        case 0x8 -> {
          int code = length >= 2 ? ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff) : 1005;
          String reason = length > 2 ? new String(data, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
          if (!closeSent) {
            sendFrame(0x8, data, offset, Math.min(length, 2));
          }
          channel.close();
          peerClosed(code, reason);
        }
        case 0x9 -> sendFrame(0xA, data, offset, length);
        case 0xA -> { }
        default -> throw new IOException("protocol error: opcode " + opcode);
      }
    }

    private void message(int opcode, byte[] data, int offset, int length) {
      if (opcode == 0x2) {
        receivedBinary();
        return;
      }
      String text = new String(data, offset, length, StandardCharsets.UTF_8);
      if (text.indexOf('\uFFFD') >= 0 && !validUtf8(data, offset, length)) {
        text = "(invalid UTF-8) " + text;
      }
      received(text);
    }

    private static boolean validUtf8(byte[] data, int offset, int length) {
      try {
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, offset, length));
        return true;
      } catch (java.nio.charset.CharacterCodingException e) {
        return false;
      }
    }

    @Override
    void send(String text) {
      byte[] payload = text.getBytes(StandardCharsets.UTF_8);
      if (loop.inLoop()) {
        sendText(payload);
      } else {
        loop.execute(() -> sendText(payload));
      }
    }

    private void sendText(byte[] payload) {
      try {
        sendFrame(0x1, payload, 0, payload.length);
      } catch (IOException | RuntimeException e) {
        sendFailed(e);
        drop(e);
      }
    }

    private void sendFrame(int opcode, byte[] data, int offset, int length) throws IOException {
      int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
      byte[] frame = new byte[header + 4 + length];
      frame[0] = (byte) (0x80 | opcode);
      if (header == 2) {
        frame[1] = (byte) (0x80 | length);
      } else if (header == 4) {
        frame[1] = (byte) (0x80 | 126);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
      } else {
        frame[1] = (byte) (0x80 | 127);
        for (int i = 0; i < 8; i++) {
          frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
        }
      }
      int mask = ThreadLocalRandom.current().nextInt();
      for (int i = 0; i < 4; i++) {
        frame[header + i] = (byte) (mask >>> (24 - 8 * i));
      }
      for (int i = 0; i < length; i++) {
        frame[header + 4 + i] = (byte) (data[offset + i] ^ frame[header + (i & 3)]);
      }
      write(ByteBuffer.wrap(frame));
    }

    private void write(ByteBuffer frame) throws IOException {
      if (!pendingWrites.isEmpty()) {
        pendingWrites.add(frame);
        return;
      }
      channel.write(frame);
      if (frame.hasRemaining()) {
        pendingWrites.add(frame);
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
      }
    }

    private void flush() throws IOException {
      while (!pendingWrites.isEmpty()) {
        ByteBuffer head = pendingWrites.peek();
        channel.write(head);
        if (head.hasRemaining()) {
          return;
        }
        pendingWrites.poll();
      }
      key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
    }

    @Override
    void close() {
      loop.execute(() -> {
        if (closed.isDone() || channel == null || !channel.isOpen()) {
          closed.complete(null);
          return;
        }
        try {
          closeSent = true;
          sendFrame(0x8, new byte[] {0x03, (byte) 0xE8}, 0, 2);
        } catch (IOException | RuntimeException e) {
          drop(e);
        }
      });
    }

    @Override
    void abort() {
      loop.execute(() -> {
        closeQuietly();
        closed.complete(null);
        opened.completeExceptionally(new IOException("aborted"));
      });
    }

    private void drop(Throwable error) {
      closeQuietly();
      failed(error);
    }

    private void closeQuietly() {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException ignored) {
        // already going away
      }
    }
  }

  /** One closed loop over a set of connections: counts, latencies, errors, and when it is done. */
  static final class Round {
    final Validator validator;
    final int perConnection;
    final long deadlineNanos;
    final long slowNanos;
    final Histogram latency = new Histogram();
    final LongAdder messages = new LongAdder();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger slow = new AtomicInteger();
    final AtomicInteger waitingNotes = new AtomicInteger();
    final ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
    final AtomicReference<String> fatal = new AtomicReference<>();
    final AtomicInteger remaining = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);
    long startNanos;
    volatile long endNanos;

    Round(Validator validator, int perConnection, long deadlineNanos, int slowMs) {
      this.validator = validator;
      this.perConnection = perConnection;
      this.deadlineNanos = deadlineNanos;
      this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMs);
    }

    void start(List<Connection> conns) {
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
      if (nanos > slowNanos) {
        int n = slow.incrementAndGet();
        if (n <= 20) {
          note(String.format(Locale.ROOT, "slow reply: client %d message %d took %.3f s (reply at %s)",
              c.id, c.seq, nanos / 1e9, java.time.LocalTime.now()));
        }
      }
      String problem = validator.check(sent, reply);
      if (problem != null) {
        error("client " + c.id + " message " + c.seq + ": " + problem);
      }
      boolean more = deadlineNanos != 0 ? now - deadlineNanos < 0 : c.seq < perConnection;
      if (!more && remaining.decrementAndGet() == 0) {
        endNanos = now;
        done.countDown();
      }
      return more && fatal.get() == null;
    }

    void error(String what) {
      if (errors.incrementAndGet() <= 10) {
        note("bad reply: " + what);
      }
    }

    void note(String line) {
      notes.add(line);
      System.out.println("  " + line);
    }

    void fail(String why) {
      if (fatal.compareAndSet(null, why)) {
        System.out.println("  FAILED: " + why);
        if (endNanos == 0) {
          endNanos = System.nanoTime();
        }
      }
      done.countDown();
    }

    boolean await(long nanos) throws InterruptedException {
      return done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    void fillIn(RunResult r, Usage usage) {
      long end = endNanos != 0 ? endNanos : System.nanoTime();
      r.messages = messages.sum();
      r.wallMillis = (end - startNanos) / 1e6;
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
  }

  /** Prints a warning when a reply is slow and fails the round when it is missing too long. */
  static final class Watchdog {
    private final long slowNanos;
    private final long timeoutNanos;
    private volatile Round round;
    private volatile List<Connection> conns = List.of();
    private final Thread thread;
    private volatile boolean stopped;

    Watchdog(int slowMs, long timeoutNanos) {
      this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMs);
      this.timeoutNanos = timeoutNanos;
      thread = daemon("driver-watchdog").newThread(this::loop);
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

    void stop() {
      stopped = true;
      thread.interrupt();
    }

    private void loop() {
      while (!stopped) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
        Round r = round;
        if (r == null) {
          continue;
        }
        long now = System.nanoTime();
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
  }

  /** Checks one reply; returns null when it is fine, else what is wrong. */
  static final class Validator {
    static final String ECHO_PREFIX = "服务器回复:";
    static final Pattern TIME = Pattern.compile("(1[0-2]|[1-9]):[0-5]\\d:[0-5]\\d (AM|PM)");
    final boolean echo;

    Validator(String expect) {
      echo = expect.equals("echo");
    }

    String check(String sent, String reply) {
      Map<String, Object> object;
      try {
        object = Json.parseObject(reply);
      } catch (IllegalArgumentException e) {
        return "not a JSON object (" + e.getMessage() + "): " + clip(reply);
      }
      if (!echo) {
        return null;
      }
      Object content = object.get("content");
      if (!(ECHO_PREFIX + sent).equals(content)) {
        return "content differs: expected \"" + ECHO_PREFIX + sent + "\", got " + clip(reply);
      }
      Object time = object.get("timestamp");
      if (!(time instanceof String) || !TIME.matcher((String) time).matches()) {
        return "timestamp is not like \"11:51:39 PM\": " + clip(reply);
      }
      return null;
    }

    static String clip(String text) {
      return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + " chars)";
    }
  }

  /** A strict, small JSON reader: enough to validate a reply and read its top-level fields. */
  static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    static Map<String, Object> parseObject(String text) {
      Json json = new Json(text);
      json.space();
      if (json.peek() != '{') {
        throw json.error("expected '{'");
      }
      Map<String, Object> result = json.object();
      json.space();
      if (json.i != text.length()) {
        throw json.error("trailing text");
      }
      return result;
    }

    private Object value() {
      space();
      char c = peek();
      switch (c) {
        case '{': return object();
        case '[': return array();
        case '"': return string();
        case 't': return literal("true", Boolean.TRUE);
        case 'f': return literal("false", Boolean.FALSE);
        case 'n': return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected " + describe(c));
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      i++;
      space();
      if (peek() == '}') {
        i++;
        return map;
      }
      while (true) {
        space();
        if (peek() != '"') {
          throw error("expected a field name");
        }
        String key = string();
        space();
        expect(':');
        map.put(key, value());
        space();
        char c = peek();
        i++;
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      i++;
      space();
      if (peek() == ']') {
        i++;
        return list;
      }
      while (true) {
        list.add(value());
        space();
        char c = peek();
        i++;
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          throw error("expected ',' or ']'");
        }
      }
    }

    private String string() {
      i++;
      StringBuilder out = null;
      int start = i;
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i);
        if (c == '"') {
          String tail = s.substring(start, i++);
          return out == null ? tail : out.append(tail).toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          i++;
          continue;
        }
        if (out == null) {
          out = new StringBuilder();
        }
        out.append(s, start, i);
        if (i + 1 >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
          case '"': out.append('"'); break;
          case '\\': out.append('\\'); break;
          case '/': out.append('/'); break;
          case 'b': out.append('\b'); break;
          case 'f': out.append('\f'); break;
          case 'n': out.append('\n'); break;
          case 'r': out.append('\r'); break;
          case 't': out.append('\t'); break;
          case 'u':
            if (i + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            i += 4;
            break;
          default:
            throw error("bad escape \\" + e);
        }
        start = i;
      }
    }

    private Object number() {
      int start = i;
      if (peek() == '-') {
        i++;
      }
      if (peek() == '0') {
        i++;
      } else {
        digits();
      }
      if (peek() == '.') {
        i++;
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        i++;
        if (peek() == '+' || peek() == '-') {
          i++;
        }
        digits();
      }
      return Double.parseDouble(s.substring(start, i));
    }

    private void digits() {
      int start = i;
      while (peek() >= '0' && peek() <= '9') {
        i++;
      }
      if (i == start) {
        throw error("expected a digit");
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, i)) {
        throw error("unexpected " + describe(peek()));
      }
      i += word.length();
      return value;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private void space() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    private char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private static String describe(char c) {
      return c == '\0' ? "end of text" : "'" + c + "'";
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at offset " + i);
    }
  }

  /**
   * Latency histogram in microseconds: exact below 2048 us, then 1024 buckets per power of two
   * (under 0.1% error). Lock-free, so all callback threads share one.
   */
  static final class Histogram {
    private static final int SUB = 1024;
    private static final int SHIFTS = 40;
    private static final long CAP = (1L << (SHIFTS + 10)) - 1;
    private final AtomicLongArray counts = new AtomicLongArray(2 * SUB + SHIFTS * SUB);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    void record(long micros) {
      long v = Math.max(0, Math.min(CAP, micros));
      counts.incrementAndGet(index(v));
      total.incrementAndGet();
      max.accumulateAndGet(v, Math::max);
    }

    long max() {
      return max.get();
    }

    long count() {
      return total.get();
    }

    /** The smallest recorded value that at least q of all values are at or below (bucket upper bound). */
    long percentile(double q) {
      long n = total.get();
      if (n == 0) {
        return 0;
      }
      long rank = Math.max(1, (long) Math.ceil(q * n));
      long seen = 0;
      for (int idx = 0; idx < counts.length(); idx++) {
        seen += counts.get(idx);
        if (seen >= rank) {
          return Math.min(highest(idx), max.get());
        }
      }
      return max.get();
    }

    static int index(long v) {
      if (v < 2 * SUB) {
        return (int) v;
      }
      int shift = 63 - Long.numberOfLeadingZeros(v) - 10;
      return 2 * SUB + (shift - 1) * SUB + (int) ((v >>> shift) - SUB);
    }

    static long highest(int idx) {
      if (idx < 2 * SUB) {
        return idx;
      }
      int k = idx - 2 * SUB;
      int shift = k / SUB + 1;
      long top = (k % SUB) + SUB;
      return (top << shift) + (1L << shift) - 1;
    }
  }

  /**
   * CPU time of this process, of the server when its PID is known, and of the whole machine, so a
   * run can show what else was competing for the 2 cores (another build, a noisy neighbour).
   */
  record Usage(long driverCpuNanos, long serverCpuMillis, long machineBusyMillis, long stealMillis,
      long gcCount, long gcMillis, long wallNanos) {
    static final long TICK_MILLIS = 10; // USER_HZ is 100 on Linux

    static Usage now(long serverPid) {
      long gcCount = 0;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcCount += Math.max(0, gc.getCollectionCount());
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
          ? os.getProcessCpuTime() : -1;
      long[] machine = machineMillis();
      return new Usage(cpu, serverCpuMillis(serverPid), machine[0], machine[1], gcCount, gcMillis, System.nanoTime());
    }

    Usage minus(Usage before) {
      return new Usage(driverCpuNanos - before.driverCpuNanos,
          serverCpuMillis < 0 || before.serverCpuMillis < 0 ? -1 : serverCpuMillis - before.serverCpuMillis,
          machineBusyMillis < 0 || before.machineBusyMillis < 0 ? -1 : machineBusyMillis - before.machineBusyMillis,
          stealMillis - before.stealMillis,
          gcCount - before.gcCount, gcMillis - before.gcMillis, wallNanos - before.wallNanos);
    }

    /** CPU of everything but the driver and the server; -1 when unknown. */
    long otherMillis() {
      if (machineBusyMillis < 0 || serverCpuMillis < 0) {
        return -1;
      }
      return Math.max(0, machineBusyMillis - serverCpuMillis - driverCpuNanos / 1_000_000);
    }

    /** utime + stime from /proc/PID/stat. */
    static long serverCpuMillis(long pid) {
      if (pid <= 0) {
        return -1;
      }
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MILLIS;
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    /** {busy, steal} of all cores from the first line of /proc/stat; busy excludes idle and iowait. */
    static long[] machineMillis() {
      try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/stat"))) {
        String[] f = in.readLine().trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
          busy += Long.parseLong(f[i]);
        }
        return new long[] {busy * TICK_MILLIS, Long.parseLong(f[8]) * TICK_MILLIS};
      } catch (IOException | RuntimeException e) {
        return new long[] {-1, 0};
      }
    }
  }

  static String cpu(Usage u) {
    double wallMs = u.wallNanos() / 1e6;
    String server = u.serverCpuMillis() < 0 ? "" : String.format(Locale.ROOT, " server=%d ms (%.0f%%)",
        u.serverCpuMillis(), 100.0 * u.serverCpuMillis() / wallMs);
    String other = u.otherMillis() < 0 ? "" : String.format(Locale.ROOT, " other processes=%d ms (%.0f%%)",
        u.otherMillis(), 100.0 * u.otherMillis() / wallMs);
    String steal = u.stealMillis() > 0 ? " steal=" + u.stealMillis() + " ms" : "";
    return String.format(Locale.ROOT, "; cpu driver=%d ms (%.0f%%)%s%s%s; driver gc %d in %d ms",
        u.driverCpuNanos() / 1_000_000, 100.0 * u.driverCpuNanos() / 1e6 / wallMs, server, other, steal,
        u.gcCount(), u.gcMillis());
  }

  /** What one run measured. */
  static final class RunResult {
    final String target;
    final String label;
    double connectMillis;
    long messages;
    double wallMillis;
    long p50;
    long p99;
    long max;
    int slow;
    int errors;
    Usage usage;
    String problem;

    RunResult(String target, String label) {
      this.target = target;
      this.label = label;
    }

    boolean ok() {
      return problem == null;
    }

    boolean noisy() {
      return usage != null && usage.otherMillis() > 0.10 * wallMillis;
    }

    double throughput() {
      return wallMillis > 0 ? messages / (wallMillis / 1000) : 0;
    }

    void print() {
      System.out.printf(Locale.ROOT, "%-8s %-14s %7d msgs in %9.1f ms = %8.0f msg/s; latency us p50=%d p99=%d max=%d; >slow %d; errors %d%s%s%n",
          target, label, messages, wallMillis, throughput(), p50, p99, max, slow, errors,
          usage == null ? "" : cpu(usage), ok() ? "" : "; FAILED: " + problem);
      System.out.printf(Locale.ROOT, "RESULT target=%s label=%s messages=%d wall_ms=%.1f throughput=%.0f p50_us=%d p99_us=%d max_us=%d slow=%d errors=%d connect_ms=%.1f driver_cpu_ms=%d server_cpu_ms=%d other_cpu_ms=%d ok=%b%n",
          target, label.replace(' ', '_'), messages, wallMillis, throughput(), p50, p99, max, slow, errors, connectMillis,
          usage == null ? -1 : usage.driverCpuNanos() / 1_000_000, usage == null ? -1 : usage.serverCpuMillis(),
          usage == null ? -1 : usage.otherMillis(), ok());
    }
  }

  /** The comparison table across measured runs. */
  static final class Summary {
    static void print(Map<Target, List<RunResult>> measured) {
      System.out.println();
      System.out.println("SUMMARY closed-loop, measured runs; spread = (max - min) / median; noisy = runs during which"
          + " other processes used over 10% of a core; quiet median = median of the other runs");
      System.out.printf(Locale.ROOT, "%-10s %5s %12s %12s %12s %8s %12s %12s %6s %6s %13s%n",
          "target", "runs", "median msg/s", "min msg/s", "max msg/s", "spread", "median p99us", "max us", "failed",
          "noisy", "quiet median");
      for (Map.Entry<Target, List<RunResult>> e : measured.entrySet()) {
        List<RunResult> runs = e.getValue();
        double[] tp = runs.stream().mapToDouble(RunResult::throughput).sorted().toArray();
        double[] quiet = runs.stream().filter(r -> !r.noisy()).mapToDouble(RunResult::throughput).sorted().toArray();
        long[] p99 = runs.stream().mapToLong(r -> r.p99).sorted().toArray();
        long max = runs.stream().mapToLong(r -> r.max).max().orElse(0);
        long failed = runs.stream().filter(r -> !r.ok()).count();
        double median = median(tp);
        System.out.printf(Locale.ROOT, "%-10s %5d %12.0f %12.0f %12.0f %7.1f%% %12d %12d %6d %6d %13s%n",
            e.getKey().name(), runs.size(), median, tp[0], tp[tp.length - 1],
            median > 0 ? 100 * (tp[tp.length - 1] - tp[0]) / median : 0, p99[p99.length / 2], max, failed,
            tp.length - quiet.length, quiet.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", median(quiet)));
      }
    }

    static double median(double[] sorted) {
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

  static String describe(Throwable error) {
    Throwable t = error;
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof TimeoutException) {
      return "timed out";
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One hostile client against a running chat server, while a canary greets every 200 ms and times
 * its auto-reply, and the server's RSS is sampled every 100 ms. Every attack is bounded in bytes and
 * time; a closed attacker reconnects and goes on until the bound. Prints one result line.
 *
 * <pre>java Attacker.java ATTACK HOST PORT SERVER_PID [SECONDS] [MAX_MIB] [OPERATOR_TOKEN] [MAX_PINGS]</pre>
 * ATTACK: fragments, empty-fragments, no-read, no-read-many, partial-many, headers, pings, operator-push.
 */
public final class Attacker {
  private static final byte[] GREETING = "你好".getBytes(StandardCharsets.UTF_8);

  private final String host;
  private final int port;
  private final long deadlineNanos;
  private final long maxBytes;
  private final AtomicLong sent = new AtomicLong();
  private int connections;
  private final List<String> closes = Collections.synchronizedList(new ArrayList<>());

  private Attacker(String host, int port, int seconds, long maxBytes) {
    this.host = host;
    this.port = port;
    this.deadlineNanos = System.nanoTime() + seconds * 1_000_000_000L;
    this.maxBytes = maxBytes;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: java Attacker.java ATTACK HOST PORT SERVER_PID [SECONDS] [MAX_MIB] [TOKEN]");
      System.exit(2);
    }
    String attack = args[0];
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    long maxBytes = (args.length > 5 ? Long.parseLong(args[5]) : 1024) << 20;
    String token = args.length > 6 ? args[6] : "t";
    Attacker attacker = new Attacker(args[1], Integer.parseInt(args[2]), seconds, maxBytes);
    RssSampler rss = new RssSampler(Path.of("/proc", args[3], "status"));
    rss.start();
    Canary canary = attack.equals("operator-push") ? null : new Canary(attacker.upgrade("/"));
    if (canary != null) {
      canary.start();
    }
    long started = System.nanoTime();
    switch (attack) {
      case "fragments" -> attacker.fragments(60 * 1024);
      case "empty-fragments" -> attacker.fragments(0);
      case "no-read" -> attacker.noRead();
      case "no-read-many" -> attacker.noReadMany(2_000, 5_000);
      case "partial-many" -> attacker.partialMany(2_000, 60_000);
      case "headers" -> attacker.headers();
      case "pings" -> attacker.pings(args.length > 7 ? Long.parseLong(args[7]) : Long.MAX_VALUE);
      case "operator-push" -> attacker.operatorPush(token, 8_000, 60_000);
      default -> throw new IllegalArgumentException("unknown attack " + attack);
    }
    double took = (System.nanoTime() - started) / 1e9;
    String canaryText = canary == null ? "n/a (server online)" : canary.finish();
    rss.stopSampling();
    System.out.printf(Locale.ROOT, "%s: sent %.1f MiB in %.1f s over %d connection(s); closes %s; RSS %s; canary %s%n",
        attack, attacker.sent.get() / 1048576.0, took, attacker.connections, attacker.closeSummary(), rss, canaryText);
  }

  private boolean goOn() {
    return System.nanoTime() < deadlineNanos && sent.get() < maxBytes;
  }

  private void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    sent.addAndGet(bytes.length);
  }

  /** Endless non-final continuation frames of {@code size} bytes on each connection. */
  private void fragments(int size) throws IOException {
    byte[] first = frame(false, 1, new byte[size]);
    byte[] next = frame(false, 0, new byte[size]);
    byte[] batch = repeat(next, size == 0 ? 8192 : 16);
    while (goOn()) {
      try (Socket socket = upgrade("/")) {
        Closes watch = Closes.watch(socket, this);
        OutputStream out = socket.getOutputStream();
        write(out, first);
        while (goOn() && !watch.closed) {
          write(out, batch);
        }
      } catch (IOException closed) {
        // the server closed this attacker: reconnect
      }
    }
  }

  /** Texts as fast as possible, never reading a reply. */
  private void noRead() throws IOException {
    byte[] batch = repeat(frame(true, 1, GREETING), 1024);
    while (goOn()) {
      try (Socket socket = upgrade("/")) {
        OutputStream out = socket.getOutputStream();
        while (goOn()) {
          write(out, batch);
        }
      } catch (IOException closed) {
        closes.add("no-read closed");
      }
    }
  }

  /**
   * {@code count} connections at once, each sending {@code texts} texts and never reading a reply,
   * then one more text each every 100 ms until the server cuts it off: each stays under its own
   * bound of 4,096 frames as long as it can (16 MiB of auto-replies would take 150,000 texts), so
   * only a bound on all of them together holds the server's memory.
   */
  private void noReadMany(int count, int texts) throws IOException, InterruptedException {
    byte[] greeting = frame(true, 1, GREETING);
    byte[] burst = repeat(greeting, texts);
    List<Socket> open = new ArrayList<>();
    try {
      for (int i = 0; i < count && goOn(); i++) {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // the replies wait in the server, not in this kernel
        try {
          open.add(upgrade(socket, "/"));
          write(socket.getOutputStream(), burst);
        } catch (IOException refused) {
          closes.add("refused or reset while connecting"); // the server is full, or gone
          socket.close();
        }
      }
      while (goOn() && !open.isEmpty()) {
        for (java.util.Iterator<Socket> each = open.iterator(); each.hasNext(); ) {
          Socket socket = each.next();
          try {
            write(socket.getOutputStream(), greeting);
          } catch (IOException cutOff) {
            closes.add("cut off");
            socket.close();
            each.remove();
          }
        }
        Thread.sleep(100);
      }
    } finally {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  /**
   * {@code count} connections at once, each sending all of a 64,512-byte text but its last
   * {@code 64,512 - sent} bytes, then holding it unfinished until the time bound: what the server
   * buffers for unfinished messages, times the connections (no budget for all of them together yet).
   */
  private void partialMany(int count, int sent) throws IOException, InterruptedException {
    byte[] header = {(byte) 0x81, (byte) (0x80 | 126), (byte) 0xFC, 0x00, 1, 2, 3, 4}; // 64,512 bytes, masked
    byte[] part = new byte[sent];
    List<Socket> open = new ArrayList<>();
    try {
      for (int i = 0; i < count && goOn(); i++) {
        try {
          Socket socket = upgrade("/");
          open.add(socket);
          write(socket.getOutputStream(), header);
          write(socket.getOutputStream(), part);
        } catch (IOException refused) {
          closes.add("refused or reset while connecting");
        }
      }
      while (goOn()) {
        Thread.sleep(100);
      }
    } finally {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  /** An upgrade request that never ends its headers. */
  private void headers() {
    byte[] line = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] batch = repeat(line, 64);
    while (goOn()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 5_000);
        connections++;
        Closes watch = Closes.watchHttp(socket, this);
        OutputStream out = socket.getOutputStream();
        write(out, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.US_ASCII));
        while (goOn() && !watch.closed) {
          write(out, batch);
        }
      } catch (IOException closed) {
        // reconnect
      }
    }
  }

  /** Up to {@code total} pings, reconnecting whenever closed. */
  private void pings(long total) throws IOException {
    byte[] ping = frame(true, 9, new byte[] {1});
    long pinged = 0;
    while (goOn() && pinged < total) {
      try (Socket socket = upgrade("/")) {
        Closes watch = Closes.watch(socket, this);
        OutputStream out = socket.getOutputStream();
        while (goOn() && pinged < total && !watch.closed) {
          write(out, ping);
          pinged++;
        }
      } catch (IOException closed) {
        // reconnect
      }
    }
  }

  /** One client that never reads while the operator pushes {@code lines} lines of {@code bytes}. */
  private void operatorPush(String token, int lines, int bytes) throws IOException {
    try (Socket hoarder = upgrade("/"); Socket operator = upgrade("/operator?token=" + token)) {
      AtomicLong acks = new AtomicLong();
      AtomicLong refused = new AtomicLong();
      Thread reader = new Thread(() -> {
        try {
          InputStream in = operator.getInputStream();
          for (long i = 0; i < lines; i++) {
            String ack = new String(readFrame(in), StandardCharsets.UTF_8);
            acks.incrementAndGet();
            if (ack.contains("\"ok\":false")) {
              refused.incrementAndGet();
            }
          }
        } catch (IOException ended) {
          // counted below
        }
      });
      reader.setDaemon(true);
      reader.start();
      byte[] line = frame(true, 1, "客".repeat(bytes / 3).getBytes(StandardCharsets.UTF_8));
      OutputStream out = operator.getOutputStream();
      for (int i = 0; i < lines && goOn(); i++) {
        write(out, line);
      }
      try {
        reader.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closes.add("operator acks " + acks.get() + " (" + refused.get() + " queue full)");
    }
  }

  private String closeSummary() {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    synchronized (closes) {
      closes.forEach(c -> counts.merge(c, 1, Integer::sum));
    }
    return counts.toString();
  }

  Socket upgrade(String path) throws IOException {
    return upgrade(new Socket(), path);
  }

  Socket upgrade(Socket socket, String path) throws IOException {
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setTcpNoDelay(true);
    connections++;
    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    int matched = 0;
    StringBuilder status = new StringBuilder();
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the upgrade: " + status);
      }
      status.append((char) b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    if (!status.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + status.toString().lines().findFirst().orElse(""));
    }
    return socket;
  }

  static byte[] frame(boolean fin, int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  static byte[] readFrame(InputStream in) throws IOException {
    int first = in.read();
    int second = in.read();
    if (first < 0 || second < 0) {
      throw new IOException("end of stream");
    }
    long length = second & 0x7f;
    if (length == 126) {
      length = (in.read() << 8) | in.read();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | in.read();
      }
    }
    byte[] payload = in.readNBytes((int) length);
    if ((first & 0x0f) == 8) {
      int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
      throw new CloseReceived(code, new String(payload, Math.min(2, payload.length),
          Math.max(0, payload.length - 2), StandardCharsets.UTF_8));
    }
    return payload;
  }

  private static byte[] repeat(byte[] unit, int times) {
    ByteArrayOutputStream all = new ByteArrayOutputStream(unit.length * times);
    for (int i = 0; i < times; i++) {
      all.writeBytes(unit);
    }
    return all.toByteArray();
  }

  /** A close frame arrived. */
  static final class CloseReceived extends IOException {
    final int code;

    CloseReceived(int code, String reason) {
      super(code + (reason.isEmpty() ? "" : " \"" + reason + "\""));
      this.code = code;
    }
  }

  /** Reads what the server sends an attacker, to notice its close. */
  static final class Closes {
    volatile boolean closed;

    /** What ended the connection, as the server said it (a close frame, an HTTP status line). */
    interface Ending {
      String read(InputStream in) throws IOException;
    }

    static Closes watch(Socket socket, Attacker attacker) {
      return watch(socket, attacker, in -> {
        try {
          while (true) {
            readFrame(in);
          }
        } catch (CloseReceived close) {
          return close.getMessage();
        }
      });
    }

    static Closes watchHttp(Socket socket, Attacker attacker) {
      return watch(socket, attacker, in -> {
        byte[] head = in.readNBytes(12);
        return head.length == 0 ? "TCP closed" : new String(head, StandardCharsets.US_ASCII).strip();
      });
    }

    private static Closes watch(Socket socket, Attacker attacker, Ending ending) {
      Closes closes = new Closes();
      Thread reader = new Thread(() -> {
        try {
          attacker.closes.add(ending.read(socket.getInputStream()));
        } catch (IOException ended) {
          attacker.closes.add("TCP closed");
        }
        closes.closed = true;
      });
      reader.setDaemon(true);
      reader.start();
      return closes;
    }
  }

  /** Greets every 200 ms on its own connection and times each auto-reply. */
  static final class Canary {
    private final Socket socket;
    private final ConcurrentLinkedQueue<Long> waiting = new ConcurrentLinkedQueue<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private int greetings;

    Canary(Socket socket) {
      this.socket = socket;
    }

    void start() {
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = socket.getOutputStream();
          byte[] greeting = frame(true, 1, GREETING);
          while (running) {
            waiting.add(System.nanoTime());
            out.write(greeting);
            greetings++;
            Thread.sleep(200);
          }
        } catch (IOException | InterruptedException ended) {
          running = false;
        }
      }, "canary-writer");
      Thread reader = new Thread(() -> {
        try {
          InputStream in = socket.getInputStream();
          while (true) {
            readFrame(in);
            Long sentAt = waiting.poll();
            if (sentAt != null) {
              latencies.add(System.nanoTime() - sentAt);
            }
          }
        } catch (IOException ended) {
          // the canary's connection ended: what is waiting stays unanswered
        }
      }, "canary-reader");
      writer.setDaemon(true);
      reader.setDaemon(true);
      writer.start();
      reader.start();
    }

    /** Stops greeting, gives the last replies 2 s, and describes what the canary saw. */
    String finish() throws InterruptedException {
      running = false;
      long until = System.nanoTime() + 2_000_000_000L;
      while (!waiting.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      List<Long> sorted;
      synchronized (latencies) {
        sorted = new ArrayList<>(latencies);
      }
      Collections.sort(sorted);
      if (sorted.isEmpty()) {
        return greetings + " greetings, none answered";
      }
      return String.format(Locale.ROOT, "%d greetings, %d unanswered, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          greetings, greetings - sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
          sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
          sorted.get(sorted.size() - 1) / 1e6);
    }
  }

  /** The server's resident set, sampled every 100 ms. */
  static final class RssSampler extends Thread {
    private final Path status;
    private volatile boolean running = true;
    private long firstKb = -1;
    private long maxKb;

    RssSampler(Path status) {
      this.status = status;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        try {
          for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
              long kb = Long.parseLong(line.replaceAll("\\D", ""));
              if (firstKb < 0) {
                firstKb = kb;
              }
              maxKb = Math.max(maxKb, kb);
            }
          }
          Thread.sleep(100);
        } catch (IOException | InterruptedException | NumberFormatException gone) {
          running = false;
        }
      }
    }

    void stopSampling() {
      running = false;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d MB -> max %d MB", firstKb / 1024, maxKb / 1024);
    }
  }
}

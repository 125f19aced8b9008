package io.wxchat.conformance;

import io.wxchat.session.internal.FrameCodec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small hostile servers on loopback, each one way of spending a client's time or memory. The tests
 * start them in-process; the benchmark runs them as programs against the CLI jar:
 * {@code java -cp simulator/target/test-classes:simulator/target/classes io.wxchat.conformance.HostileServers
 * frames-forever 8001} (it frames with {@link FrameCodec}, a main class). As a program, a connection that
 * dies of anything but I/O (a missing class) halts it with exit 70, so a benchmark cannot measure a dead server.
 */
final class HostileServers implements AutoCloseable {
  /** How a hostile server treats each accepted connection. */
  enum Behaviour {
    /** Answers the upgrade with a 101 status line, then header lines for ever. */
    ENDLESS_HEADERS,
    /** Answers the upgrade with a 101 status line, then one header byte every 100 ms, never ending the headers. */
    DRIPPED_UPGRADE,
    /** After the upgrade, small text frames as fast as it can, for ever. */
    FRAMES_FOREVER,
    /** After the upgrade, one text frame that announces 100 MiB, streamed. */
    HUNDRED_MB_FRAME,
    /** Answers every text with 10,000 small frames. */
    TEN_THOUSAND_REPLIES,
    /** Answers the upgrade, then reads and never answers. */
    STALL,
    /** Answers the upgrade, then never reads again: a client's writes back up. */
    NEVER_READS,
    /** Answers with a web page: HTTP 200 text/html. */
    HTML_PAGE,
    /** Refuses the upgrade with 403 Forbidden. */
    FORBIDDEN,
    /** Sends bytes that are not HTTP. */
    GARBAGE,
    /** After the upgrade, closes at once with 1002. */
    CLOSE_1002,
    /** Answers every text with a text frame of invalid UTF-8. */
    INVALID_UTF8,
    /** Stalls after the upgrade while printing one endless line on stdout (run as a launched program). */
    ENDLESS_LOG_LINE,
    /** Stalls after the upgrade; a request head past 16 KiB kills it: every socket closes, the port refuses. */
    DIES_OF_LONG_HEADERS,
    /** Stalls after the upgrade; at a request head past 16 KiB it stops reading and holds the connection. */
    STOPS_READING_LONG_HEADERS,
    /** Stalls after the upgrade; a request head past 16 KiB gets a 101 before its end, then is read for ever. */
    SWITCHES_ON_LONG_HEADERS;

    String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key: *(\\S+)", Pattern.CASE_INSENSITIVE);
  private static final int HEAD_LIMIT = 16 * 1024;
  private final ServerSocket server;
  private final Behaviour behaviour;
  // everything it opened, so close() leaves nothing running
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Thread acceptor;

  /** A request head longer than {@link #HEAD_LIMIT}, read that far. */
  private static final class HeadTooLong extends IOException {
    HeadTooLong() {
      super("a request head past " + HEAD_LIMIT + " bytes");
    }
  }

  private HostileServers(ServerSocket server, Behaviour behaviour) {
    this.server = server;
    this.behaviour = behaviour;
  }

  /** Starts {@code behaviour} on {@code port} (0: a free one) of 127.0.0.1. */
  static HostileServers start(Behaviour behaviour, int port) throws IOException {
    HostileServers hostile = new HostileServers(new ServerSocket(port, 200, InetAddress.getLoopbackAddress()), behaviour);
    hostile.acceptor = hostile.spawn(hostile::acceptForever, "hostile-" + behaviour.id());
    return hostile;
  }

  int port() {
    return server.getLocalPort();
  }

  String uri() {
    return "ws://127.0.0.1:" + port() + "/";
  }

  /** Closes the listening socket and every connection, and waits (bounded) for each of its threads to end. */
  @Override
  public void close() throws IOException {
    closed.countDown();
    server.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      // the port refuses only once accept() has returned: until then the JVM defers closing it
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sockets.forEach(HostileServers::closeQuietly);
    for (Thread thread : threads) {
      if (thread == Thread.currentThread()) {
        continue; // closed from one of its own connections (a server that dies)
      }
      thread.interrupt();
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Threads it started and that have not ended yet (0 once {@link #close} returned). */
  long running() {
    return threads.stream().filter(Thread::isAlive).count();
  }

  private Thread spawn(Runnable task, String name) {
    Thread thread = new Thread(() -> {
      try {
        task.run();
      } finally {
        threads.remove(Thread.currentThread());
      }
    }, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all that is wanted
    }
  }

  public static void main(String[] args) throws Exception {
    Behaviour behaviour = Arrays.stream(Behaviour.values()).filter(b -> b.id().equals(args[0])).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown behaviour " + args[0]));
    int port = args.length > 1 ? Integer.parseInt(args[1]) : Integer.parseInt(System.getenv("PORT"));
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      System.err.println("hostile server " + behaviour.id() + ": " + thread.getName() + " died; halting");
      e.printStackTrace();
      Runtime.getRuntime().halt(70);
    });
    start(behaviour, port);
    if (behaviour == Behaviour.ENDLESS_LOG_LINE) {
      byte[] chunk = "no newline in sight ".repeat(400).getBytes(StandardCharsets.US_ASCII);
      while (true) {
        System.out.write(chunk);
        System.out.flush();
      }
    }
    Thread.currentThread().join();
  }

  private void acceptForever() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        if (closed.getCount() == 0) { // accepted while close() ran
          closeQuietly(socket);
          return;
        }
        spawn(() -> {
          try (socket) {
            serve(socket);
          } catch (IOException | InterruptedException ignored) {
            // the client gave up, or the server is closing
          } finally {
            sockets.remove(socket);
          }
        }, "hostile-connection");
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) throws IOException, InterruptedException {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    String key;
    try {
      key = readRequest(in);
    } catch (HeadTooLong e) {
      switch (behaviour) {
        case DIES_OF_LONG_HEADERS -> close(); // as a crashed process would: everything goes at once
        case STOPS_READING_LONG_HEADERS -> closed.await();
        case SWITCHES_ON_LONG_HEADERS -> {
          out.write("HTTP/1.1 101 Switching Protocols\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          in.transferTo(OutputStream.nullOutputStream());
        }
        default -> throw e;
      }
      return;
    }
    switch (behaviour) {
      case HTML_PAGE -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 26\r\n"
          + "\r\n<html><p>hello</p></html>").getBytes(StandardCharsets.US_ASCII));
      case FORBIDDEN -> out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      case GARBAGE -> out.write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, 0x2a});
      case ENDLESS_HEADERS -> {
        out.write("HTTP/1.1 101 Switching Protocols\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] header = "X-Filler: yes, and more to come\r\n".getBytes(StandardCharsets.US_ASCII);
        while (true) {
          out.write(header);
        }
      }
      case DRIPPED_UPGRADE -> {
        out.write("HTTP/1.1 101 Switching Protocols\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] header = "X-Drip: one byte at a time\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; true; i = (i + 1) % header.length) {
          Thread.sleep(100); // the drip is the behaviour: slow enough that no single read waits long
          out.write(header[i]);
          out.flush();
        }
      }
      default -> {
        upgrade(out, key);
        afterUpgrade(new DataInputStream(in), out);
      }
    }
    out.flush();
    in.read(new byte[1024]); // let the client read the answer and leave
  }

  private void afterUpgrade(DataInputStream in, OutputStream out) throws IOException, InterruptedException {
    switch (behaviour) {
      case FRAMES_FOREVER -> {
        byte[] frame = frame(0x1, "{\"content\":\"again\",\"date\":\"2026-01-01 , 1:00 am\"}".getBytes(StandardCharsets.UTF_8));
        byte[] many = new byte[frame.length * 200];
        for (int i = 0; i < 200; i++) {
          System.arraycopy(frame, 0, many, i * frame.length, frame.length);
        }
        while (true) {
          out.write(many);
        }
      }
      case HUNDRED_MB_FRAME -> {
        long length = 100L << 20;
        out.write(new byte[] {(byte) 0x81, 127});
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.write((int) (length >>> shift) & 0xff);
        }
        byte[] chunk = "{\"content\":\"".concat("x".repeat(64 * 1024 - 12)).getBytes(StandardCharsets.US_ASCII);
        for (long sent = 0; sent < length; sent += chunk.length) {
          out.write(chunk, 0, (int) Math.min(chunk.length, length - sent));
        }
      }
      case CLOSE_1002 -> out.write(frame(0x8, new byte[] {0x03, (byte) 0xea}));
      case NEVER_READS, STALL, ENDLESS_LOG_LINE, DIES_OF_LONG_HEADERS, STOPS_READING_LONG_HEADERS,
          SWITCHES_ON_LONG_HEADERS -> {
        if (behaviour == Behaviour.NEVER_READS) {
          closed.await(); // until close()
          return;
        }
        byte[] sink = new byte[64 * 1024];
        while (in.read(sink) >= 0) {
          // read and never answer
        }
      }
      case TEN_THOUSAND_REPLIES, INVALID_UTF8 -> {
        byte[] reply = behaviour == Behaviour.INVALID_UTF8 ? frame(0x1, new byte[] {(byte) 0xc3, 0x28, (byte) 0xff})
            : frame(0x1, "{\"content\":\"one of many\",\"date\":\"2026-01-01 , 1:00 am\"}".getBytes(StandardCharsets.UTF_8));
        while (true) {
          int opcode = readFrame(in);
          if (opcode == 0x8) {
            return;
          }
          if (opcode == 0x1) {
            for (int i = 0; i < (behaviour == Behaviour.INVALID_UTF8 ? 1 : 10_000); i++) {
              out.write(reply);
            }
            out.flush();
          }
        }
      }
      default -> throw new IllegalStateException(behaviour + " has no behaviour after the upgrade");
    }
  }

  /** Reads one masked client frame and returns its opcode. */
  private static int readFrame(DataInputStream in) throws IOException {
    FrameCodec.Header header = FrameCodec.readHeader(in);
    in.skipNBytes(header.length());
    return header.opcode();
  }

  private static byte[] frame(int opcode, byte[] payload) {
    return FrameCodec.encode(opcode, payload, false);
  }

  /** Reads the request head from {@code socket} and answers a valid 101, so the client believes it is connected. */
  static void answerUpgrade(Socket socket) throws IOException {
    upgrade(socket.getOutputStream(), readRequest(socket.getInputStream()));
  }

  private static String readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("no request");
      }
      if (head.length() > HEAD_LIMIT) {
        throw new HeadTooLong();
      }
      head.append((char) b);
    }
    Matcher key = KEY.matcher(head);
    return key.find() ? key.group(1) : "";
  }

  private static void upgrade(OutputStream out, String key) throws IOException {
    String accept;
    try {
      accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}

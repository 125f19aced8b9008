package io.wxchat.server.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections on its own thread, so that a failing {@code accept()} cannot kill the
 * listener. Java-WebSocket 1.6.0 accepts on its selector thread and treats any exception there
 * (EMFILE, "Too many open files") as the listening socket's failure: it closes the listening socket,
 * logs nothing, and the process keeps running without ever accepting again. Here a failed accept is
 * logged, counted, and retried after {@link #PAUSE_MILLIS}; the waiting clients stay in the backlog.
 *
 * <p>It also counts every open TCP connection, upgraded or not, against the connection limit: past
 * it, a new connection is answered 503 and closed at once, so half-open connections cannot take the
 * file descriptors the upgraded ones need. The library's listening key is silenced (interest 0) and
 * the same channel is selected here; accepted channels are registered with the library's selector
 * exactly as its own {@code doAccept} does. Both fields are private in the library: if a future
 * version renames them, {@link #takeOver} says so and the library's own accept stays in use.
 */
final class Acceptor {
  static final long PAUSE_MILLIS = 100;
  private static final Logger log = LoggerFactory.getLogger("io.wxchat.server");
  private static final byte[] FULL = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
      + "Connection: close\r\nContent-Length: 12\r\n\r\nserver full\n").getBytes(StandardCharsets.US_ASCII);

  /** What registering an accepted channel with the library takes. */
  interface Registrar {
    void register(SocketChannel channel, Selector librarySelector) throws IOException, InterruptedException;
  }

  private final int maxConnections;
  private final Registrar registrar;
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder failures = new LongAdder();
  private volatile Selector selector;
  private volatile Thread thread;

  Acceptor(int maxConnections, Registrar registrar) {
    this.maxConnections = maxConnections;
    this.registrar = registrar;
  }

  /** Runs on the library's selector thread (in {@code onStart}); false when the library is unexpected. */
  boolean takeOver(WebSocketServer server) {
    ServerSocketChannel listening;
    Selector library;
    try {
      listening = (ServerSocketChannel) field(server, "server");
      library = (Selector) field(server, "selector");
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Java-WebSocket keeps its listening socket elsewhere than 1.6.0 did; a failed accept() "
          + "(too many open files) may stop the listener ({})", e.toString());
      return false;
    }
    try {
      selector = Selector.open();
      listening.register(selector, SelectionKey.OP_ACCEPT);
      listening.keyFor(library).interestOps(0);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot take over accepting ({}); Java-WebSocket accepts itself", e.toString());
      return false;
    }
    thread = new Thread(() -> run(listening, library), "wxchat-acceptor");
    thread.setDaemon(true);
    thread.start();
    return true;
  }

  /** A connection accepted here was closed. */
  void closed() {
    open.decrementAndGet();
  }

  int open() {
    return open.get();
  }

  long failures() {
    return failures.sum();
  }

  void close() {
    Selector current = selector;
    if (current != null) {
      try {
        current.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private void run(ServerSocketChannel listening, Selector library) {
    try {
      while (selector.isOpen()) {
        try {
          selector.select();
          selector.selectedKeys().clear();
          acceptPending(listening, library);
        } catch (RuntimeException e) { // whatever it was, the listener goes on
          if (e instanceof ClosedSelectorException || !selector.isOpen()) {
            return;
          }
          failures.increment();
          log.warn("accepting failed: {}; retrying in {} ms", e.toString(), PAUSE_MILLIS, e);
          TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
        }
      }
    } catch (IOException stopped) {
      // the server is shutting down
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptPending(ServerSocketChannel listening, Selector library) throws InterruptedException {
    while (true) {
      SocketChannel channel;
      try {
        channel = listening.accept();
      } catch (IOException e) {
        if (!listening.isOpen()) {
          return;
        }
        failures.increment();
        log.warn("accept() failed: {}; retrying in {} ms ({} failed accept(s) so far, {} connections open)",
            e.getMessage(), PAUSE_MILLIS, failures.sum(), open.get());
        TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
        return;
      }
      if (channel == null) {
        return;
      }
      if (open.incrementAndGet() > maxConnections) {
        open.decrementAndGet();
        refuse(channel);
        continue;
      }
      try {
        registrar.register(channel, library);
      } catch (IOException | ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
        open.decrementAndGet();
        closeQuietly(channel);
      } catch (RuntimeException e) { // the unforeseen costs this connection, never the listener
        failures.increment();
        log.warn("could not hand {} to the server: {}; closed it", peer(channel), e.toString(), e);
        open.decrementAndGet();
        closeQuietly(channel);
      }
    }
  }

  private void refuse(SocketChannel channel) {
    log.info("refused {}: {} connections open, upgraded or not (raise --max-connections); answered HTTP 503",
        peer(channel), maxConnections);
    try {
      channel.configureBlocking(false);
      channel.write(ByteBuffer.wrap(FULL));
    } catch (IOException ignored) {
      // the refusal is best effort; the socket is closed either way
    }
    closeQuietly(channel);
  }

  private static String peer(SocketChannel channel) {
    try {
      return String.valueOf(channel.getRemoteAddress());
    } catch (IOException e) {
      return "?";
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  private static Object field(WebSocketServer server, String name) throws ReflectiveOperationException {
    Field field = WebSocketServer.class.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(server);
  }
}

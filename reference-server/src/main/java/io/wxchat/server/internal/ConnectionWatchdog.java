package io.wxchat.server.internal;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs Java-WebSocket 1.6.0 leaves undone, on one timer thread for all connections. The third: a
 * connection closed for not reading never reads our close frame either, so after a grace period it is
 * cut off ({@link #closeWithin}), and its queued frames are freed.
 *
 * <p><b>Lost write demand.</b> The selector thread ends a write with
 * {@code key.interestOps(OP_READ)} after it found the out-queue empty. A worker thread that queues a
 * frame and asks for {@code OP_WRITE} between those two steps loses its request: the frame waits
 * for the next write demand (often the 60 s lost-connection ping). Measured: 1-53 s stalls, about
 * once per 2 million replies with 50 connections. The fix belongs in the selector loop
 * ({@code WebSocketServer.doWrite}), which is private, so this sweeper re-arms {@code OP_WRITE} on
 * any open connection whose first queued frame has waited without write interest for two sweeps in
 * a row (a thread between its enqueue and its write demand looks the same for an instant; two
 * sweeps tell the two apart). A stalled frame leaves within about 100 ms instead of up to 60 s.
 * Replies are written by the selector thread itself (see {@code ChatServer.queue}), which cannot race
 * with itself; only frames queued by other threads (operator pushes) are watched, until sent.
 *
 * <p><b>Half-open handshakes.</b> A TCP connection that never finishes its HTTP upgrade is never
 * closed by the library. It is closed here after the handshake timeout. So is one the library has
 * answered with its 404 (plain HTTP, garbage): it queues the answer but, having no draft, never
 * closes the socket ({@code SocketChannelIOHelper.batch} closes only sockets with a draft).
 */
final class ConnectionWatchdog implements AutoCloseable {
  static final long SWEEP_MILLIS = 50;
  private static final Logger log = LoggerFactory.getLogger(ConnectionWatchdog.class);

  /** Per socket: when it was accepted, and the queued frame seen without write interest last sweep. */
  private static final class Watch {
    final long acceptedNanos = System.nanoTime();
    final UpgradeRequestLimit upgrade = new UpgradeRequestLimit();
    Object waitingFrame;
  }

  private final Map<WebSocketImpl, Watch> handshaking = new ConcurrentHashMap<>();
  private final Map<WebSocketImpl, Watch> writing = new ConcurrentHashMap<>();
  private final Map<WebSocketImpl, Long> closing = new ConcurrentHashMap<>();
  private final long handshakeTimeoutNanos;
  private final Consumer<WebSocketImpl> onHandshakeTimeout;
  private final LongAdder rearmedWrites = new LongAdder();
  private final List<Runnable> alsoOnSweep = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "wxchat-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  ConnectionWatchdog(long handshakeTimeoutMillis, Consumer<WebSocketImpl> onHandshakeTimeout) {
    this.handshakeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(handshakeTimeoutMillis);
    this.onHandshakeTimeout = onHandshakeTimeout;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} on the watchdog's thread after each sweep. */
  void onEverySweep(Runnable task) {
    alsoOnSweep.add(task);
  }

  /** A new TCP connection: closed if its handshake does not finish in time. */
  void track(WebSocketImpl socket) {
    handshaking.put(socket, new Watch());
  }

  /** The handshake finished (or was answered with an error): the handshake clock stops. */
  void opened(WebSocketImpl socket) {
    handshaking.remove(socket);
  }

  /** Whether {@code read}, added to what {@code socket} sent of its upgrade request, is too much. */
  boolean upgradeTooLarge(WebSocketImpl socket, java.nio.ByteBuffer read) {
    Watch watch = handshaking.get(socket);
    return watch != null && watch.upgrade.exceededBy(read);
  }

  /** {@code socket} was asked to close; if it has not closed within {@code graceMillis}, it is cut off. */
  void closeWithin(WebSocketImpl socket, long graceMillis) {
    closing.putIfAbsent(socket, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis));
  }

  /** A thread other than the selector queued a frame on {@code socket}: watch it until it is sent. */
  void watchWrites(WebSocketImpl socket) {
    writing.putIfAbsent(socket, new Watch());
  }

  /** How many stalled frames the sweeper has sent on their way. */
  long rearmedWrites() {
    return rearmedWrites.sum();
  }

  private void sweep() {
    long now = System.nanoTime();
    try {
      handshaking.forEach((socket, watch) -> {
        if (socket.getReadyState() != ReadyState.NOT_YET_CONNECTED) {
          handshaking.remove(socket);
        } else if (socket.isFlushAndClose() && socket.outQueue.isEmpty()) { // refused and answered
          socket.closeConnection();
          handshaking.remove(socket);
        } else if (now - watch.acceptedNanos > handshakeTimeoutNanos) {
          onHandshakeTimeout.accept(socket);
          socket.closeConnection(CloseFrame.NEVER_CONNECTED, "handshake timeout");
          handshaking.remove(socket);
        }
      });
      closing.forEach((socket, deadline) -> {
        if (socket.getReadyState() == ReadyState.CLOSED) {
          closing.remove(socket);
        } else if (now - deadline > 0) {
          socket.closeConnection(CloseFrame.POLICY_VALIDATION, "not reading");
          closing.remove(socket);
        }
      });
      writing.forEach((socket, watch) -> {
        if (socket.getReadyState() == ReadyState.CLOSED || socket.outQueue.isEmpty()) {
          writing.remove(socket);
        } else {
          rearmIfStalled(socket, watch);
        }
      });
      alsoOnSweep.forEach(Runnable::run);
    } catch (RuntimeException e) {
      log.warn("watchdog sweep failed; it runs again in {} ms", SWEEP_MILLIS, e);
    }
  }

  private void rearmIfStalled(WebSocketImpl socket, Watch watch) {
    Object head = socket.outQueue.peek();
    SelectionKey key = socket.getSelectionKey();
    if (head == null || key == null || !key.isValid()) {
      watch.waitingFrame = null;
      return;
    }
    try {
      if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
        watch.waitingFrame = null;
      } else if (head != watch.waitingFrame) {
        watch.waitingFrame = head; // maybe a worker between enqueue and write demand: look again
      } else {
        rearmedWrites.increment(); // first: the frame may be out before the next line is reached
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        key.selector().wakeup();
        watch.waitingFrame = null;
        log.debug("re-armed a lost write demand on {}", socket.getRemoteSocketAddress());
      }
    } catch (CancelledKeyException closedMeanwhile) {
      // the selector thread cancelled the key: the socket is closing, nothing to send
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    handshaking.clear();
    writing.clear();
    closing.clear();
  }
}

package io.wxchat.server.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounds on what waits to be sent: to one client, and to all of them together. One client that
 * does not read holds at most {@link #MAX_QUEUED_BYTES}; but one host can open many connections, and
 * 400 of them that never read would hold 6 GB. So the queues of all clients together have a budget
 * too (a quarter of the heap, at most 128 MiB); while it is spent, a client whose queue grows past
 * {@link #PRESSURE_QUEUED_BYTES} is closed as not reading, and clients that read are left alone.
 * The total counts what each client holds alone: its frames' bytes, and for each frame the buffer
 * and queue node; an operator push, one frame shared by all clients as read-only views
 * ({@link EncodedFrame#sharedView()}), counts only those per client, or a push of 60 KB to 10,000
 * clients would count as 600 MB.
 */
final class OutgoingBound {
  /** A client whose unsent frames pass either bound is closed with 1008 "not reading". */
  static final int MAX_QUEUED_FRAMES = 4096;
  static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024; // robustness.3.2 queues 8 MB for a slow reader
  /**
   * While all queues together pass the budget, the bound of each, in what it holds alone: 2,000
   * non-readers of 200 KB each pass a small heap, so it is low; a reader rarely holds that much,
   * since the kernel's 256 KB send buffer takes what is sent first.
   */
  static final long PRESSURE_QUEUED_BYTES = 64L * 1024;
  /** How long a client closed for not reading may take to take our close frame before it is cut off. */
  static final long NOT_READING_GRACE_MILLIS = 1_000;
  private static final int QUEUE_CHECK_FRAMES = 64;
  private static final int LARGE_FRAME_BYTES = 4 * 1024;
  /** Queues are counted in the total from this cost on; smaller ones are bounded by their frames. */
  private static final long COUNTED_QUEUE_BYTES = 32L * 1024;
  /** What a queued frame costs besides its bytes: the buffer object and the queue's node. */
  static final int FRAME_OVERHEAD_BYTES = 80;
  private static final Logger log = LoggerFactory.getLogger("io.wxchat.server");

  private final ConnectionWatchdog watchdog;
  private final long totalBudgetBytes;
  /** The queues last seen at {@link #COUNTED_QUEUE_BYTES} or more, and their sum. */
  private final Map<WebSocketImpl, Long> counted = new ConcurrentHashMap<>();
  private final AtomicLong countedBytes = new AtomicLong();

  OutgoingBound(ConnectionWatchdog watchdog, long totalBudgetBytes) {
    this.watchdog = watchdog;
    this.totalBudgetBytes = totalBudgetBytes;
  }

  /** The most all queues together may hold, whatever the heap: 16 slow readers of 8 MB (robustness.3.2). */
  static final long MAX_TOTAL_BUDGET_BYTES = 128L * 1024 * 1024;

  /** The budget of all queues together for this JVM: a quarter of its maximum heap, at most 128 MiB. */
  static long totalBudgetForHeap() {
    return Math.min(MAX_TOTAL_BUDGET_BYTES, Runtime.getRuntime().maxMemory() / 4);
  }

  /** The line the server logs at start. */
  String describe() {
    return "unsent frames: at most " + MAX_QUEUED_BYTES / (1024 * 1024) + " MiB or " + MAX_QUEUED_FRAMES
        + " frames a client, " + totalBudgetBytes / (1024 * 1024) + " MiB for all clients (a quarter of the heap, at most "
        + MAX_TOTAL_BUDGET_BYTES / (1024 * 1024) + " MiB)";
  }

  /** What the counted queues hold alone, together, as last seen. */
  long countedBytes() {
    return countedBytes.get();
  }

  /**
   * Java-WebSocket queues outgoing frames without limit; a client that does not read would hold them
   * all. Past {@link #MAX_QUEUED_FRAMES} or {@link #MAX_QUEUED_BYTES}, or past
   * {@link #PRESSURE_QUEUED_BYTES} while all queues together pass the budget, it is closed (1008),
   * and cut off if it does not take the close frame in time either.
   */
  void closeIfNotReading(WebSocketImpl socket, int lastFrameBytes) {
    int frames = socket.outQueue.size();
    // summing the bytes walks the queue: only every QUEUE_CHECK_FRAMES frames, so a growing queue of
    // small frames costs O(n) in all, not O(n) per frame; after a large frame always (few fit the bound)
    if (frames <= MAX_QUEUED_FRAMES && frames % QUEUE_CHECK_FRAMES != QUEUE_CHECK_FRAMES - 1
        && lastFrameBytes < LARGE_FRAME_BYTES) {
      return;
    }
    long bytes = 0;
    long alone = 0;
    for (ByteBuffer frame : socket.outQueue) {
      bytes += frame.remaining();
      alone += cost(frame);
    }
    long total = count(socket, alone);
    if (frames > MAX_QUEUED_FRAMES || bytes > MAX_QUEUED_BYTES) {
      close(socket, frames, bytes, "");
    } else if (alone > PRESSURE_QUEUED_BYTES && total > totalBudgetBytes) {
      close(socket, frames, bytes, "; all clients' unsent frames pass " + totalBudgetBytes / (1024 * 1024) + " MiB");
    }
  }

  /** Counts every counted queue again (they shrink as clients read, unseen): on the watchdog's timer. */
  void recount() {
    counted.forEach((socket, bytes) -> {
      if (socket.getReadyState() == ReadyState.CLOSED) {
        count(socket, 0);
      } else {
        count(socket, heldAlone(socket));
      }
    });
  }

  private void close(WebSocketImpl socket, int frames, long bytes, String why) {
    if (socket.isOpen()) {
      log.info("closing {}: not reading ({} frames, {} bytes waiting to be sent{})",
          socket.getAttachment(), frames, bytes, why);
      // it will not read them: free them now, keeping the head, which may be half written
      ByteBuffer head = socket.outQueue.peek();
      socket.outQueue.removeIf(frame -> frame != head);
      socket.close(CloseFrame.POLICY_VALIDATION, "not reading");
    }
    count(socket, 0);
    watchdog.closeWithin(socket, NOT_READING_GRACE_MILLIS);
  }

  /** Records {@code bytes} as what {@code socket} holds alone; returns the new total of counted queues. */
  private long count(WebSocketImpl socket, long bytes) {
    Long before = bytes >= COUNTED_QUEUE_BYTES ? counted.put(socket, bytes) : counted.remove(socket);
    long after = bytes >= COUNTED_QUEUE_BYTES ? bytes : 0;
    return countedBytes.addAndGet(after - (before == null ? 0 : before));
  }

  private static long heldAlone(WebSocketImpl socket) {
    long bytes = 0;
    for (ByteBuffer frame : socket.outQueue) {
      bytes += cost(frame);
    }
    return bytes;
  }

  private static long cost(ByteBuffer frame) {
    return FRAME_OVERHEAD_BYTES + (frame.isReadOnly() ? 0 : frame.remaining());
  }
}

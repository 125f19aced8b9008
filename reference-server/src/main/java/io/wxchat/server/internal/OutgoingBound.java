package io.wxchat.server.internal;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bound on what waits to be sent to one client. */
final class OutgoingBound {
  /** A client whose unsent frames pass either bound is closed with 1008 "not reading". */
  static final int MAX_QUEUED_FRAMES = 4096;
  static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024; // robustness.3.2 queues 8 MB for a slow reader
  /** How long a client closed for not reading may take to take our close frame before it is cut off. */
  static final long NOT_READING_GRACE_MILLIS = 1_000;
  private static final int QUEUE_CHECK_FRAMES = 64;
  private static final int LARGE_FRAME_BYTES = 4 * 1024;
  private static final Logger log = LoggerFactory.getLogger("io.wxchat.server");

  private final ConnectionWatchdog watchdog;

  OutgoingBound(ConnectionWatchdog watchdog) {
    this.watchdog = watchdog;
  }

  /**
   * Java-WebSocket queues outgoing frames without limit; a client that does not read would hold them
   * all. Past {@link #MAX_QUEUED_FRAMES} or {@link #MAX_QUEUED_BYTES} it is closed (1008), and cut off
   * if it does not take the close frame in time either.
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
    for (ByteBuffer frame : socket.outQueue) {
      bytes += frame.remaining();
    }
    if (frames > MAX_QUEUED_FRAMES || bytes > MAX_QUEUED_BYTES) {
      if (socket.isOpen()) {
        log.info("closing {}: not reading ({} frames, {} bytes waiting to be sent)",
            socket.getAttachment(), frames, bytes);
        // it will not read them: free them now, keeping the head, which may be half written
        ByteBuffer head = socket.outQueue.peek();
        socket.outQueue.removeIf(frame -> frame != head);
        socket.close(CloseFrame.POLICY_VALIDATION, "not reading");
      }
      watchdog.closeWithin(socket, NOT_READING_GRACE_MILLIS);
    }
  }
}

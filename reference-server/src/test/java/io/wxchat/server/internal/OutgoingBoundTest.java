package io.wxchat.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.Handshakedata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The total of all clients' queues, which the budget is checked against: queues shrink as clients
 * read without telling anyone, so a total that were never counted again would close readers for
 * the bytes of frames long sent.
 */
class OutgoingBoundTest {
  private static final int FRAME = 60_000;
  private static final long COST = FRAME + OutgoingBound.FRAME_OVERHEAD_BYTES;
  private final ConnectionWatchdog watchdog = new ConnectionWatchdog(10_000, socket -> { });
  private final OutgoingBound bound = new OutgoingBound(watchdog, Long.MAX_VALUE);

  @AfterEach
  void stop() {
    watchdog.close();
  }

  @Test
  void a_queue_that_drains_leaves_the_total_at_the_next_recount() {
    WebSocketImpl socket = unconnectedSocket();
    for (int i = 0; i < 5; i++) {
      queue(socket, FRAME);
    }
    assertThat(bound.countedBytes()).isEqualTo(5 * COST);

    // when: the selector writes them all (no one is told)
    socket.outQueue.clear();
    assertThat(bound.countedBytes()).as("not seen yet").isEqualTo(5 * COST);
    bound.recount();

    // then
    assertThat(bound.countedBytes()).isZero();
  }

  @Test
  void queues_are_summed_and_each_counted_once_however_often_it_is_seen() {
    WebSocketImpl first = unconnectedSocket();
    WebSocketImpl second = unconnectedSocket();
    queue(first, FRAME);
    queue(first, FRAME);
    queue(second, FRAME);
    queue(second, FRAME);
    queue(second, FRAME);
    bound.closeIfNotReading(second, FRAME); // seen again, unchanged
    bound.recount();
    bound.recount();

    assertThat(bound.countedBytes()).isEqualTo(5 * COST);
  }

  @Test
  void a_frame_shared_with_other_clients_counts_only_its_overhead() {
    WebSocketImpl socket = unconnectedSocket();
    for (int i = 0; i < 5; i++) {
      socket.outQueue.add(ByteBuffer.allocate(FRAME).asReadOnlyBuffer()); // as EncodedFrame.sharedView()
      bound.closeIfNotReading(socket, FRAME);
    }
    queue(socket, FRAME);

    assertThat(bound.countedBytes()).isEqualTo(COST + 5 * OutgoingBound.FRAME_OVERHEAD_BYTES);
  }

  @Test
  void a_queue_under_32_KiB_is_not_counted() {
    WebSocketImpl socket = unconnectedSocket();
    queue(socket, 30_000);

    assertThat(bound.countedBytes()).isZero();
  }

  private void queue(WebSocketImpl socket, int bytes) {
    socket.outQueue.add(ByteBuffer.allocate(bytes));
    bound.closeIfNotReading(socket, bytes);
  }

  /** A real socket object of the library, never connected: only its queue is used. */
  private static WebSocketImpl unconnectedSocket() {
    return new WebSocketImpl(new WebSocketAdapter() {
      @Override
      public void onWebsocketMessage(WebSocket conn, String message) { }

      @Override
      public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) { }

      @Override
      public void onWebsocketOpen(WebSocket conn, Handshakedata d) { }

      @Override
      public void onWebsocketClose(WebSocket ws, int code, String reason, boolean remote) { }

      @Override
      public void onWebsocketClosing(WebSocket ws, int code, String reason, boolean remote) { }

      @Override
      public void onWebsocketCloseInitiated(WebSocket ws, int code, String reason) { }

      @Override
      public void onWebsocketError(WebSocket conn, Exception ex) { }

      @Override
      public void onWriteDemand(WebSocket conn) { }

      @Override
      public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
        return null;
      }

      @Override
      public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
        return null;
      }
    }, new Draft_6455());
  }
}

package io.wxchat.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WrappedByteChannel;

/**
 * Works around a second Java-WebSocket 1.6.0 selector bug. {@code WebSocketServer.run()} removes a
 * selected key from the selector's selected-key set only when it accepted or read on it; a key that
 * was selected because it was writable stays in the set, and every later turn of the loop walks it
 * again. After 10,000 handshakes (each answered by a write) every message costs a walk over 10,000
 * stale keys: the server answered at 0.18x the speed of Node's ws until the 60 s ping cleared them.
 *
 * <p>Every channel is wrapped; the wrapper notes each key the selector writes on. When the loop next
 * reads, the wrapper asks for an "additional read" ({@link WrappedByteChannel#isNeedRead()}), which
 * the library performs after the loop has finished walking the set: the noted keys are removed
 * there. A removed key that still has something to do is selected again by the next {@code select},
 * as selection is level-triggered. Everything here runs on the selector thread.
 */
final class StaleKeySweeper {
  private final List<SelectionKey> written = new ArrayList<>();

  /** Wraps {@code channel}; {@code onClose} runs once, when it is closed. */
  ByteChannel wrap(ByteChannel channel, SelectionKey key, Runnable onClose) {
    return new Channel(channel, key, onClose);
  }

  private void sweep(SelectionKey key) {
    if (!written.isEmpty()) {
      java.util.Set<SelectionKey> selected = key.selector().selectedKeys();
      for (SelectionKey stale : written) {
        selected.remove(stale);
      }
      written.clear();
    }
  }

  /** A channel that reports writes to the sweeper and lets it run after the loop. */
  private final class Channel implements WrappedByteChannel {
    private final ByteChannel inner;
    private final WrappedByteChannel wrapped;
    private final SelectionKey key;
    private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
    private final Runnable onClose;

    Channel(ByteChannel inner, SelectionKey key, Runnable onClose) {
      this.inner = inner;
      this.wrapped = inner instanceof WrappedByteChannel w ? w : null;
      this.key = key;
      this.onClose = onClose;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
      written.add(key);
      return inner.write(source);
    }

    @Override
    public boolean isNeedWrite() {
      written.add(key); // asked only while the selector writes on this key
      return wrapped != null && wrapped.isNeedWrite();
    }

    @Override
    public void writeMore() throws IOException {
      if (wrapped != null) {
        wrapped.writeMore();
      }
    }

    @Override
    public boolean isNeedRead() {
      return !written.isEmpty() || (wrapped != null && wrapped.isNeedRead());
    }

    @Override
    public int readMore(ByteBuffer destination) throws IOException {
      sweep(key);
      return wrapped != null && wrapped.isNeedRead() ? wrapped.readMore(destination) : 0;
    }

    @Override
    public boolean isBlocking() {
      return wrapped != null && wrapped.isBlocking();
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
      return inner.read(destination);
    }

    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
      if (open.compareAndSet(true, false)) {
        onClose.run();
      }
      inner.close();
    }
  }
}

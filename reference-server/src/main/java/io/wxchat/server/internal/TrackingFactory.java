package io.wxchat.server.internal;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

/**
 * Hands every accepted socket to the watchdog and its channel to the stale-key sweeper, and says
 * when a channel closes; plain or TLS channels come from the delegate.
 */
final class TrackingFactory implements WebSocketServerFactory {
  private final WebSocketServerFactory delegate;
  private final ConnectionWatchdog watchdog;
  private final StaleKeySweeper sweeper = new StaleKeySweeper();
  private final Runnable onClose;

  TrackingFactory(WebSocketServerFactory delegate, ConnectionWatchdog watchdog, Runnable onClose) {
    this.delegate = delegate;
    this.watchdog = watchdog;
    this.onClose = onClose;
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
    return tracked(delegate.createWebSocket(adapter, draft));
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
    return tracked(delegate.createWebSocket(adapter, drafts));
  }

  @Override
  public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
    return sweeper.wrap(delegate.wrapChannel(channel, key), key, onClose);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private WebSocketImpl tracked(WebSocketImpl socket) {
    watchdog.track(socket);
    return socket;
  }
}

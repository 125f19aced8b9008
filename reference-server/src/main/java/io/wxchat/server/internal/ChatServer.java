package io.wxchat.server.internal;

import io.wxchat.server.ServerConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.java_websocket.SocketChannelIOHelper;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The WebSocket side of the reference server: routing, refusals, limits and the chat itself. */
public final class ChatServer extends WebSocketServer {
  static final String CHAT_PATH = "/";
  static final String OPERATOR_PATH = "/operator";
  // Java-WebSocket's default backlog of 50 dropped 2,064 SYNs in a burst of 15k connects here.
  private static final int LISTEN_BACKLOG = 1024;
  private static final Logger log = LoggerFactory.getLogger("io.wxchat.server");
  private static final int SEND_BUFFER_BYTES = 256 * 1024;
  private static final int LOGGED_LINE_CHARS = 80;

  private final ServerConfig config;
  private final Conversation conversation;
  private final ConnectionWatchdog watchdog;
  private final ConnectionBudget budget;
  private final Acceptor acceptor;
  private final TrackingFactory factory;
  private final OperatorQueue operatorQueue = new OperatorQueue(this::operatorSays);
  private final OutgoingBound outgoing;
  private final Set<WebSocket> chatClients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger admitted = new AtomicInteger();
  private final CountDownLatch started = new CountDownLatch(1);
  private final BlockingQueue<ByteBuffer> readBuffers = readBufferPool();
  private final boolean directWrites;
  private volatile Exception startFailure;
  private volatile Thread selectorThread;
  /** The connection whose read the selector thread is decoding (only that thread reads or writes it). */
  private WebSocketImpl decoding;

  static {
    // Fairness: the selector decodes and answers one read buffer per connection per turn, so the
    // buffer bounds what one client can make every other client wait for. The library reads 64 KiB
    // at a time: 8,192 texts of a flooding client answered before anyone else's turn. 16 KiB cuts
    // that wait by four; the kernel's socket buffers are unchanged. (A protected static: the hook.)
    DEFAULT_READ_BUFFER_SIZE = 16 * 1024;
  }

  public ChatServer(ServerConfig config) {
    super(new InetSocketAddress(config.host(), config.port()),
        1, // decoding runs on the selector thread (see queue); the one worker is the fallback
        List.of(new RefusingDraft(config.maxMessageBytes())));
    this.config = config;
    this.conversation = new Conversation(config.mode(), new Replies(config.clock()));
    this.watchdog = new ConnectionWatchdog(config.handshakeTimeoutMillis(),
        socket -> log.info("refused {}: handshake not completed within {} ms",
            socket.getRemoteSocketAddress(), config.handshakeTimeoutMillis()));
    setTcpNoDelay(true); // request/reply chat: Nagle would hold each small reply back
    setReuseAddr(true);
    setMaxPendingConnections(LISTEN_BACKLOG);
    WebSocketServerFactory channels = config.tls()
        .<WebSocketServerFactory>map(tls -> new DefaultSSLWebSocketServerFactory(TlsContext.create(tls)))
        .orElseGet(DefaultWebSocketServerFactory::new);
    this.outgoing = new OutgoingBound(watchdog, OutgoingBound.totalBudgetForHeap());
    watchdog.onEverySweep(outgoing::recount);
    this.budget = ConnectionBudget.of(config.maxConnections());
    this.acceptor = new Acceptor(budget.effective(), this::register);
    this.factory = new TrackingFactory(channels, watchdog, acceptor::closed);
    setWebSocketFactory(factory);
    // TLS channels need the library's handshake-aware write path (SSLSocketChannel2.writeMore)
    this.directWrites = config.tls().isEmpty();
  }

  /** Blocks until the port is bound; throws with the reason if it cannot be. */
  public void awaitStarted(long timeoutMillis) throws InterruptedException {
    if (!started.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("server did not start within " + timeoutMillis + " ms");
    }
    if (startFailure != null) {
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
          + startFailure.getMessage(), startFailure);
    }
  }

  /** One operator line from {@code source} (console or channel), pushed to every chat client. */
  public OperatorResult operatorSays(String line, String source) {
    OperatorResult result = conversation.operatorSays(line, this::pushToAll);
    if (result.accepted()) {
      log.info("operator ({}): \"{}\" -> {} client(s); online", source, preview(Conversation.trim(line)),
          result.delivered());
    } else {
      log.info("operator ({}): {}", source, result.reason());
    }
    return result;
  }

  /**
   * Queues one operator line from the channel; the acknowledgement goes back to {@code channel} once
   * it is pushed, or at once ({@code "ok":false}) when the queue is full.
   */
  private void operatorLineFromChannel(WebSocket channel, String line) {
    Session session = channel.getAttachment();
    WebSocketImpl socket = (WebSocketImpl) channel;
    if (!operatorQueue.offer(line, "channel " + session,
        result -> send(socket, EncodedFrame.text(result.toAckJson()).forSocket()))) {
      log.info("operator (channel {}): queue full, line refused", session);
      send(socket, EncodedFrame.text(OperatorResult.ignored("operator queue full (" + OperatorQueue.CAPACITY
          + " lines waiting); send it again later").toAckJson()).forSocket());
    }
  }

  /** Queues one console line, waiting while the queue is full (only the console's reader waits). */
  public void operatorLineFromConsole(String line) throws InterruptedException {
    operatorQueue.put(line, "console");
  }

  /** Failed {@code accept()} calls survived so far (too many open files). */
  public long acceptFailures() {
    return acceptor.failures();
  }

  public String connectionBudget() {
    return budget.describe();
  }

  public boolean online() {
    return conversation.online();
  }

  public int chatClients() {
    return chatClients.size();
  }

  public long rearmedWrites() {
    return watchdog.rearmedWrites();
  }

  public void shutdown(int timeoutMillis) throws InterruptedException {
    try {
      stop(timeoutMillis, "server shutting down");
    } catch (java.nio.channels.ClosedSelectorException alreadyDown) {
      // stop() closes its copy of the connections one by one; if the last client leaves meanwhile,
      // the library ends the selector first and the remaining closes find it closed: nothing is lost
    } finally {
      acceptor.close();
      operatorQueue.close();
      watchdog.close();
    }
  }

  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
      WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
    ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    String peer = String.valueOf(conn.getRemoteSocketAddress());
    Session session = route(request, peer);
    conn.setAttachment(session);
    if (session.refusal != null) {
      log.info("refused {} {}: {}", peer, request.getResourceDescriptor(), session.refusal);
      ((RefusingDraft) draft).refuse(session.refusal);
    }
    return response;
  }

  private Session route(ClientHandshake request, String peer) {
    String descriptor = request.getResourceDescriptor();
    int query = descriptor.indexOf('?');
    String path = query < 0 ? descriptor : descriptor.substring(0, query);
    if (CHAT_PATH.equals(path)) {
      return admit(Session.chat(peer));
    }
    if (OPERATOR_PATH.equals(path)) {
      if (config.operatorToken().isEmpty()) {
        return Session.refused(peer, Refusal.notFound(
            "the operator channel is off; start the server with --operator-token to turn it on"));
      }
      String presented;
      try {
        presented = presentedToken(request, query < 0 ? "" : descriptor.substring(query + 1));
      } catch (IllegalArgumentException badEscape) {
        return Session.refused(peer, Refusal.unauthorized("malformed token: " + badEscape.getMessage()));
      }
      if (presented == null) {
        return Session.refused(peer, Refusal.unauthorized(
            "the operator channel needs a token: /operator?token=T or Authorization: Bearer T"));
      }
      if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
          config.operatorToken().get().getBytes(StandardCharsets.UTF_8))) {
        return Session.refused(peer, Refusal.unauthorized("wrong operator token"));
      }
      return admit(Session.operator(peer));
    }
    return Session.refused(peer, Refusal.notFound(
        "no WebSocket at " + path + "; the chat is at " + CHAT_PATH));
  }

  private Session admit(Session session) {
    if (admitted.incrementAndGet() > config.maxConnections()) {
      admitted.decrementAndGet();
      return Session.refused(session.peer, Refusal.unavailable("server full: "
          + config.maxConnections() + " connections open (raise --max-connections)"));
    }
    return session;
  }

  private static String presentedToken(ClientHandshake request, String query) {
    for (String pair : query.split("&")) {
      if (pair.startsWith("token=")) {
        return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
      }
    }
    String authorization = request.getFieldValue("Authorization");
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    return null;
  }

  /**
   * Decodes on the selector thread instead of handing every read to a worker thread and back. The
   * library's two thread hops per message (park/unpark on each side) cost more CPU than the chat
   * itself: the selector reads, decodes, answers and writes in one pass, as Node's event loop does.
   * Our handlers never block. The read buffer goes back to the library's pool, which is private; if
   * a future version renames it, the library's own worker path is used instead. What the decode
   * queued for the connection is written at once ({@link #flush}).
   */
  @Override
  protected void queue(WebSocketImpl socket) throws InterruptedException {
    if (readBuffers == null) {
      super.queue(socket);
      return;
    }
    ByteBuffer read = socket.inQueue.poll();
    if (read == null) {
      return;
    }
    try {
      if (socket.getReadyState() == org.java_websocket.enums.ReadyState.NOT_YET_CONNECTED
          && watchdog.upgradeTooLarge(socket, read)) {
        UpgradeRequestLimit.refuse(socket);
        return;
      }
      decoding = socket;
      socket.decode(read);
      decoding = null;
      flush(socket);
    } catch (RuntimeException e) {
      log.warn("{}: cannot decode: {}", (Object) socket.getAttachment(), e.toString());
      log.debug("cannot decode", e);
      socket.close(CloseFrame.UNEXPECTED_CONDITION, "server error");
    } finally {
      decoding = null;
      readBuffers.offer(read);
    }
  }

  /**
   * Writes what waits for {@code socket} now, on the selector thread, instead of asking the selector
   * for write readiness: the library's way costs two {@code epoll_ctl} calls (write interest on, then
   * off), a wakeup and one more turn of the loop per reply. Only what the socket does not take now
   * waits for write readiness, as before. Writes go to the plain channel, not the stale-key wrapper:
   * this key was selected for reading and is already out of the selected set.
   */
  private void flush(WebSocketImpl socket) {
    if (socket.outQueue.isEmpty()) {
      return;
    }
    SelectionKey key = socket.getSelectionKey();
    try {
      if (directWrites && key != null && key.channel() instanceof SocketChannel channel
          && SocketChannelIOHelper.batch(socket, channel)) {
        return;
      }
    } catch (IOException e) {
      // the selector's own write meets the same error and closes the connection as the library does
    }
    onWriteDemand(socket);
  }

  /** Hands a channel accepted by the {@link Acceptor} to the selector, as the library's accept does. */
  private void register(SocketChannel channel, Selector selector) throws IOException, InterruptedException {
    channel.configureBlocking(false);
    channel.socket().setTcpNoDelay(isTcpNoDelay());
    channel.socket().setKeepAlive(true);
    // A fixed send buffer instead of Linux's autotuning (up to 4 MB on loopback): a client that does
    // not read then reaches the not-reading bound after ~0.25 MB in the kernel, not ~4 MB, so the
    // selector answers ~10x fewer of its texts before closing it. 256 KB still covers the
    // bandwidth-delay product of a LAN or a phone link.
    channel.socket().setSendBufferSize(SEND_BUFFER_BYTES);
    WebSocketImpl socket = factory.createWebSocket(this, getDraft());
    SelectionKey key = channel.register(selector, 0, socket); // no reads until the channel is set
    socket.setSelectionKey(key);
    socket.setChannel(factory.wrapChannel(channel, key));
    allocateBuffers(socket);
    key.interestOps(key.interestOps() | SelectionKey.OP_READ); // TLS may have asked for OP_WRITE
    selector.wakeup();
  }

  @SuppressWarnings("unchecked")
  private BlockingQueue<ByteBuffer> readBufferPool() {
    try {
      Field pool = WebSocketServer.class.getDeclaredField("buffers");
      pool.setAccessible(true);
      return (BlockingQueue<ByteBuffer>) pool.get(this);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Java-WebSocket has no read buffer pool where 1.6.0 had it; decoding on worker threads ({})",
          e.toString());
      return null;
    }
  }

  @Override
  public void onStart() {
    selectorThread = Thread.currentThread();
    acceptor.takeOver(this);
    log.info(budget.describe());
    log.info(outgoing.describe());
    watchdog.start();
    started.countDown();
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    watchdog.opened((WebSocketImpl) conn);
    Session session = conn.getAttachment();
    switch (session.kind) {
      case REFUSED -> ((WebSocketImpl) conn).flushAndClose(CloseFrame.NEVER_CONNECTED,
          session.refusal.reason(), false); // the HTTP error is queued; send it, then close
      case OPERATOR -> log.info("operator channel connected {}", session);
      case CHAT -> {
        chatClients.add(conn);
        log.info("connected {} ({} chat client(s))", session, chatClients.size());
      }
    }
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    Session session = conn.getAttachment();
    if (session == null || session.kind == Session.Kind.REFUSED) {
      return;
    }
    admitted.decrementAndGet();
    chatClients.remove(conn);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - session.openedNanos);
    log.info("disconnected {} ({}) code {}{} by {} after {} ms", session, session.kind.name().toLowerCase(),
        code, reason == null || reason.isEmpty() ? "" : " \"" + reason + "\"", remote ? "client" : "server", millis);
  }

  @Override
  public void onClosing(WebSocket conn, int code, String reason, boolean remote) {
    if (conn.getAttachment() == null) { // never reached our handshake: not an upgrade, or garbage
      log.info("refused {}: not a WebSocket upgrade request ({}); answered HTTP 404",
          conn.getRemoteSocketAddress(), reason);
    }
  }

  @Override
  public void onMessage(WebSocket conn, String text) {
    Session session = conn.getAttachment();
    if (session.kind == Session.Kind.OPERATOR) {
      operatorLineFromChannel(conn, text);
      return;
    }
    if (log.isTraceEnabled()) { // per message: TRACE, so a user build's DEBUG default is not flooded
      log.trace("{} > {}", session, text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
    conversation.receive(text, reply -> send((WebSocketImpl) conn, reply.forSocket()));
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer binary) {
    log.trace("{} > binary frame of {} bytes ignored (rule O8)", (Object) conn.getAttachment(), binary.remaining());
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    if (FatalErrors.reportIfFatal(ex)) {
      log.error("{}: fatal error, the server stops: {}", conn == null ? "server" : conn.getAttachment(),
          ex.getCause() == null ? ex.toString() : ex.getCause().toString());
    } else if (conn == null && started.getCount() > 0) {
      startFailure = ex;
      started.countDown();
    } else if (ex instanceof IOException) {
      log.debug("{}: {}", conn == null ? "server" : conn.getAttachment(), ex.toString());
    } else if (ex instanceof InvalidDataException invalid) { // the client broke the protocol; it is closed
      log.info("closing {}: {} ({})", (Object) conn.getAttachment(), invalid.getMessage(), invalid.getCloseCode());
    } else {
      log.warn("{}: {}", conn == null ? "server" : conn.getAttachment(), ex.toString(), ex);
    }
  }

  /**
   * One push, encoded once, for the first client that is open: every client's queue gets a view of
   * the same bytes.
   */
  private int pushToAll(Supplier<EncodedFrame> encode) {
    EncodedFrame frame = null;
    int delivered = 0;
    for (WebSocket client : chatClients) {
      if (!client.isOpen()) {
        continue;
      }
      if (frame == null) {
        frame = encode.get();
      }
      if (send((WebSocketImpl) client, frame.sharedView())) {
        delivered++;
      }
    }
    return delivered;
  }

  /**
   * Queues {@code frame} (a view of an {@link EncodedFrame}) for {@code socket}, as the library's
   * {@code send} does but without its per-call encoding, copy and eager trace string; false if the
   * socket is no longer open.
   */
  private boolean send(WebSocketImpl socket, ByteBuffer frame) {
    if (!socket.isOpen()) {
      return false; // closed meanwhile
    }
    int length = frame.remaining();
    socket.outQueue.add(frame);
    if (Thread.currentThread() != selectorThread) {
      onWriteDemand(socket);
      watchdog.watchWrites(socket); // only other threads can lose a write demand
    } else if (socket != decoding) {
      onWriteDemand(socket);
    } // else: flush() writes it once the read being decoded is done
    outgoing.closeIfNotReading(socket, length);
    return true;
  }

  /** An operator line as logged: a 60 KB line would cost more to log than to push. */
  private static String preview(String line) {
    return line.length() <= LOGGED_LINE_CHARS ? line
        : line.substring(0, LOGGED_LINE_CHARS) + "... (" + line.length() + " chars)";
  }
}

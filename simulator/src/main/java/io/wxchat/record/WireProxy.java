package io.wxchat.record;

import io.wxchat.record.internal.Relay;
import io.wxchat.record.internal.UpstreamProbe;
import io.wxchat.record.internal.WireTap;
import io.wxchat.scenario.WireFault;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket proxy that forwards every frame unchanged both ways, optionally breaking the wire
 * on purpose and telling a {@link SessionRecorder} what crossed:
 *
 * <pre>{@code
 * try (WireProxy proxy = WireProxy.to(URI.create("ws://127.0.0.1:3000/")).fault(WireFault.parse("latency=200ms")).start()) {
 *   URI uri = proxy.uri(); // port 0 unless listen(...) says otherwise
 * }
 * }</pre>
 */
public final class WireProxy implements AutoCloseable {
  /** The largest frame forwarded by default: 16 MiB, far past any chat message (the protocol's limit is 64 KiB). */
  public static final long DEFAULT_MAX_FRAME_BYTES = 16L << 20;
  private static final long MIN_ACCEPT_PAUSE_MILLIS = 10;
  private static final long MAX_ACCEPT_PAUSE_MILLIS = 1_000;
  private final URI upstream;
  private String host = "127.0.0.1";
  private int port;
  private SSLContext listenTls;
  private SSLContext upstreamTrust;
  private volatile WireFault fault = WireFault.NONE;
  private Duration handshakeTimeout = Duration.ofSeconds(10);
  private long maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
  private WireTap tap = WireTap.NONE;
  private final List<Relay> relays = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private ServerSocketFactory listenSockets = ServerSocketFactory.getDefault();
  private ServerSocket listener;
  private ScheduledExecutorService timers;
  private boolean closed;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger acceptFailures = new AtomicInteger();
  private volatile Thread acceptor;

  private WireProxy(URI upstream) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    if (upstream.getScheme() == null || !upstream.getScheme().matches("wss?") || upstream.getHost() == null) {
      throw new IllegalArgumentException("the upstream must be a ws:// or wss:// URL like ws://127.0.0.1:3000/: "
          + upstream);
    }
  }

  /** A proxy in front of {@code upstream} (ws:// or wss://). */
  public static WireProxy to(URI upstream) {
    return new WireProxy(upstream);
  }

  /** Where to listen; port 0 (the default) picks a free port. */
  public WireProxy listen(String host, int port) {
    this.host = host;
    this.port = port;
    return this;
  }

  /** Listen with TLS (wss://), e.g. {@code ServerKeys.fromPem(cert, key)}. */
  public WireProxy listenTls(SSLContext tls) {
    this.listenTls = tls;
    this.listenSockets = tls.getServerSocketFactory();
    return this;
  }

  /** Where the listening socket comes from; tests give one whose accept() fails. */
  WireProxy listenSockets(ServerSocketFactory sockets) {
    this.listenSockets = sockets;
    return this;
  }

  /** Trust for a wss:// upstream (null: the JVM's trust store). */
  public WireProxy upstreamTrust(SSLContext trust) {
    this.upstreamTrust = trust;
    return this;
  }

  /** The fault in force from now on, for new and open connections; {@link WireFault#NONE} clears it. */
  public WireProxy fault(WireFault fault) {
    this.fault = Objects.requireNonNull(fault, "fault");
    return this;
  }

  public WireFault fault() {
    return fault;
  }

  /**
   * How long a client may take to send its upgrade request, and the upstream its answer (default 10 s);
   * a connection that stalls or trickles past it is closed, its thread freed.
   */
  public WireProxy handshakeTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the handshake timeout must be positive: " + timeout);
    }
    this.handshakeTimeout = timeout;
    return this;
  }

  /**
   * The largest frame forwarded (default {@value #DEFAULT_MAX_FRAME_BYTES} bytes), so one peer
   * cannot make the proxy hold a frame of any size: past it, the other side gets close 1009 naming
   * the size and the bound, and the connection ends.
   */
  public WireProxy maxFrameBytes(long bytes) {
    if (bytes < 125) {
      throw new IllegalArgumentException("the proxy's frame bound must be at least 125 bytes: " + bytes);
    }
    this.maxFrameBytes = bytes;
    return this;
  }

  /** Tells {@code recorder} about every connection. */
  public WireProxy recordInto(SessionRecorder recorder) {
    this.tap = recorder.tap();
    return this;
  }

  /** Binds and accepts; a port in use is an {@link IOException} that says so. */
  public synchronized WireProxy start() throws IOException {
    if (listener != null) {
      throw new IllegalStateException("start() already called");
    }
    ServerSocket socket = listenSockets.createServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 256);
    } catch (BindException e) {
      socket.close();
      throw new IOException("cannot listen on " + host + ":" + port + ": the port is in use; choose another with"
          + " --listen", e);
    }
    listener = socket;
    timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "proxy-timers"));
    acceptor = daemon(this::accept, "proxy-accept-" + listener.getLocalPort());
    acceptor.start();
    return this;
  }

  /**
   * Checks that the upstream answers a WebSocket upgrade: an {@link UpstreamProbe.Unreachable} if
   * nothing listens there, another {@link IOException} if what listens is not WebSocket.
   */
  public void checkUpstream() throws IOException {
    UpstreamProbe.check(upstream, upstreamSockets());
  }

  /** {@code ws://127.0.0.1:PORT/} (wss:// with TLS). */
  public URI uri() {
    if (listener == null) {
      throw new IllegalStateException("call start() first");
    }
    return URI.create((listenTls == null ? "ws" : "wss") + "://" + host + ":" + listener.getLocalPort() + "/");
  }

  public int port() {
    return uri().getPort();
  }

  /** Resets every open connection now (TCP RST, no close frame). */
  public void resetAll() {
    relays.forEach(relay -> relay.reset("reset by a fault step"));
  }

  /** How many connections are open now. */
  public int openConnections() {
    return (int) relays.stream().filter(Relay::isOpen).count();
  }

  /**
   * How many times accepting a connection failed while the proxy was open (e.g. the process ran out of
   * file descriptors); each failure pauses accepting, from 10 ms doubling up to 1 s.
   */
  public int acceptFailures() {
    return acceptFailures.get();
  }

  private void accept() {
    long pauseMillis = MIN_ACCEPT_PAUSE_MILLIS;
    while (closing.getCount() > 0) {
      Socket client;
      try {
        client = listener.accept();
        pauseMillis = MIN_ACCEPT_PAUSE_MILLIS;
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
        // EMFILE and its kind: retrying at once fails again at once and spins a core
        acceptFailures.incrementAndGet();
        try {
          if (closing.await(pauseMillis, TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException interrupted) {
          return;
        }
        pauseMillis = Math.min(MAX_ACCEPT_PAUSE_MILLIS, pauseMillis * 2);
        continue;
      }
      int id = ids.incrementAndGet();
      Relay relay = new Relay(id, "proxy-" + listener.getLocalPort() + "-relay-" + id, client, upstream,
          upstreamSockets(), () -> fault, tap, timers, handshakeTimeout, maxFrameBytes);
      relays.removeIf(r -> !r.isOpen());
      relays.add(relay);
      daemon(relay::run, relay.name() + "-handshake").start();
    }
  }

  private SocketFactory upstreamSockets() {
    if (!"wss".equalsIgnoreCase(upstream.getScheme())) {
      return SocketFactory.getDefault();
    }
    SocketFactory tls = (upstreamTrust == null ? defaultTls() : upstreamTrust).getSocketFactory();
    return new SocketFactory() { // a factory that checks the upstream's name, as a browser does
      @Override
      public Socket createSocket() throws IOException {
        SSLSocket socket = (SSLSocket) ((javax.net.ssl.SSLSocketFactory) tls).createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
      }

      @Override
      public Socket createSocket(String h, int p) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String h, int p, InetAddress l, int lp) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress h, int p) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress h, int p, InetAddress l, int lp) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public synchronized void close() {
    if (closed || listener == null) {
      closed = true;
      return;
    }
    closed = true;
    closing.countDown();
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    relays.forEach(relay -> relay.reset("the proxy stopped"));
    timers.shutdownNow();
  }

  /** The thread that accepts connections (null before start()). */
  Thread acceptor() {
    return acceptor;
  }
}

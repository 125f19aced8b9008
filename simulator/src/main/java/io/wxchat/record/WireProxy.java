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
import java.net.SocketException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final URI upstream;
  private String host = "127.0.0.1";
  private int port;
  private SSLContext listenTls;
  private SSLContext upstreamTrust;
  private volatile WireFault fault = WireFault.NONE;
  private WireTap tap = WireTap.NONE;
  private final List<Relay> relays = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private ServerSocket listener;
  private ScheduledExecutorService timers;
  private boolean closed;

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
    ServerSocket socket = listenTls == null ? new ServerSocket()
        : listenTls.getServerSocketFactory().createServerSocket();
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
    daemon(this::accept, "proxy-accept-" + listener.getLocalPort()).start();
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

  private void accept() {
    while (true) {
      Socket client;
      try {
        client = listener.accept();
      } catch (SocketException closing) {
        return;
      } catch (IOException e) {
        continue;
      }
      Relay relay = new Relay(ids.incrementAndGet(), client, upstream, upstreamSockets(), () -> fault, tap, timers);
      relays.removeIf(r -> !r.isOpen());
      relays.add(relay);
      daemon(relay::run, "relay-" + relay.id() + "-handshake").start();
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
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    relays.forEach(relay -> relay.reset("the proxy stopped"));
    timers.shutdownNow();
  }
}

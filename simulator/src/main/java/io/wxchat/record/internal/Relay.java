package io.wxchat.record.internal;

import io.wxchat.scenario.WireFault;
import io.wxchat.session.internal.Frame;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.SocketFactory;

/**
 * One client connection through the proxy: forwards the upgrade request and the upstream's answer,
 * then the frames both ways; a refused upgrade (404, 401, 503) reaches the client as sent.
 */
public final class Relay {
  private final int id;
  private final String name;
  private final Socket client;
  private final URI upstream;
  private final SocketFactory upstreamSockets;
  private final Supplier<WireFault> fault;
  private final WireTap tap;
  private final ScheduledExecutorService timers;
  private final Duration handshakeTimeout;
  private final long maxFrameBytes;
  private final AtomicInteger frames = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Socket server;
  private volatile ScheduledFuture<?> resetTimer;
  private volatile Boolean clientEndedFirst;

  /**
   * {@code name} prefixes the names of its threads, e.g. {@code proxy-40123-relay-7}; the client's
   * upgrade request and the upstream's answer must each arrive whole within {@code handshakeTimeout};
   * a frame over {@code maxFrameBytes} ends the connection ({@link #frameTooLarge}).
   */
  public Relay(int id, String name, Socket client, URI upstream, SocketFactory upstreamSockets,
               Supplier<WireFault> fault, WireTap tap, ScheduledExecutorService timers, Duration handshakeTimeout,
               long maxFrameBytes) {
    this.handshakeTimeout = handshakeTimeout;
    this.maxFrameBytes = maxFrameBytes;
    this.id = id;
    this.name = name;
    this.client = client;
    this.upstream = upstream;
    this.upstreamSockets = upstreamSockets;
    this.fault = fault;
    this.tap = tap;
    this.timers = timers;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** Runs the handshake on the calling thread, then forwards frames on threads of its own. */
  public void run() {
    try {
      client.setTcpNoDelay(true);
      InputStream fromClient = client.getInputStream();
      HttpHead request = HttpHead.read(fromClient, client, System.nanoTime() + handshakeTimeout.toNanos(),
          "the client");
      Socket upstreamSocket = upstreamSockets.createSocket();
      int port = upstream.getPort() > 0 ? upstream.getPort() : "wss".equalsIgnoreCase(upstream.getScheme()) ? 443 : 80;
      try {
        upstreamSocket.connect(new InetSocketAddress(upstream.getHost(), port), 5_000);
      } catch (IOException e) {
        refuse("502 Bad Gateway", "the recording proxy cannot reach " + upstream + ": " + e.getMessage());
        return;
      }
      server = upstreamSocket;
      server.setTcpNoDelay(true);
      OutputStream toServer = server.getOutputStream();
      InputStream fromServer = server.getInputStream();
      toServer.write(request.bytesWith("Host", upstream.getHost() + ":" + port));
      toServer.flush();
      HttpHead response = HttpHead.read(fromServer, server, System.nanoTime() + handshakeTimeout.toNanos(),
          "the upstream");
      OutputStream toClient = client.getOutputStream();
      toClient.write(response.bytes());
      toClient.flush();
      long now = System.nanoTime();
      tap.opened(id, request, response, now);
      if (response.status() != 101) { // the refusal's body follows as it is
        fromServer.transferTo(toClient);
        endBoth(false, "the upstream refused the upgrade: " + response.startLine());
        return;
      }
      client.setSoTimeout(0); // the heads' deadline; frames may be minutes apart
      server.setSoTimeout(0);
      WireFault current = fault.get();
      if (current.resetAfter() != null) {
        resetTimer = timers.schedule(() -> reset("reset by the fault reset-after=" + current.resetAfter().toMillis()
            + "ms"), current.resetAfter().toMillis(), TimeUnit.MILLISECONDS);
      }
      // the heads were read byte by byte, so nothing after them sits in a buffer: buffering starts here
      new Pump(this, true, new DataInputStream(new BufferedInputStream(fromClient, 65_536)), toServer, fault,
          maxFrameBytes)
          .start(name);
      new Pump(this, false, new DataInputStream(new BufferedInputStream(fromServer, 65_536)), toClient, fault,
          maxFrameBytes)
          .start(name);
    } catch (IOException e) {
      endBoth(true, "the handshake failed: " + e.getMessage());
    }
  }

  void tap(boolean toServer, Frame frame, long nanos) {
    tap.frame(id, toServer, frame, nanos);
  }

  /** Counts a forwarded frame; past the fault's drop-after the connection drops and false comes back. */
  boolean countFrame() {
    int limit = fault.get().dropAfter();
    if (limit > 0 && frames.incrementAndGet() > limit) {
      endBoth(false, "dropped by the fault drop-after=" + limit);
      return false;
    }
    return true;
  }

  void sourceEnded(boolean fromClient, IOException why) {
    // the destination writer closes its half once it has written everything queued before the end
    if (clientEndedFirst == null) {
      clientEndedFirst = fromClient;
    }
  }

  void destinationDone(boolean toServer) {
    Socket destination = toServer ? server : client;
    try {
      destination.shutdownOutput();
    } catch (IOException | UnsupportedOperationException e) {
      closeQuietly(destination); // TLS sockets cannot half-close
    }
    if (finished.incrementAndGet() == 2) {
      boolean byClient = clientEndedFirst == null || clientEndedFirst;
      endBoth(byClient, byClient ? "the client ended the connection" : "the upstream ended the connection");
    }
  }

  /**
   * A frame over the proxy's bound arrived ({@code fromClient} or from the upstream): its
   * destination gets close 1009 naming the size and the bound (as the peer's own limit would close),
   * the sender is closed, and the connection ends.
   */
  void frameTooLarge(boolean fromClient, long length, long max) {
    String why = String.format(Locale.ROOT, "proxy: a frame of %,d bytes is over its %,d-byte bound",
        length, max);
    byte[] reason = why.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + Math.min(reason.length, 123)];
    payload[0] = (byte) (1009 >> 8);
    payload[1] = (byte) (1009 & 0xff);
    System.arraycopy(reason, 0, payload, 2, payload.length - 2);
    Socket destination = fromClient ? server : client;
    try {
      OutputStream out = destination.getOutputStream();
      out.write(Frame.of(Frame.CLOSE, payload, fromClient).wire()); // masked toward the server, as a client must
      out.flush();
    } catch (IOException ignored) {
      // the destination is gone already; ending both says why
    }
    endBoth(fromClient, (fromClient ? "the client" : "the upstream") + " sent " + why.substring("proxy: ".length()));
  }

  void destinationFailed(boolean toServer, IOException e) {
    endBoth(!toServer, (toServer ? "the upstream" : "the client") + " went away: " + e.getMessage());
  }

  /** TCP RST both ways now: no close frame, no FIN. */
  public void reset(String why) {
    for (Socket socket : new Socket[] {client, server}) {
      if (socket != null) {
        try {
          socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
    endBoth(false, why);
  }

  private void refuse(String status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    OutputStream out = client.getOutputStream();
    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    endBoth(false, text);
  }

  private void endBoth(boolean byClient, String why) {
    if (ended.compareAndSet(false, true)) {
      ScheduledFuture<?> timer = resetTimer;
      if (timer != null) {
        timer.cancel(false);
      }
      closeQuietly(client);
      closeQuietly(server);
      tap.ended(id, byClient, why, System.nanoTime());
    }
  }

  public boolean isOpen() {
    return !ended.get();
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}

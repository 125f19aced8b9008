package io.wxchat.session.internal;

import io.wxchat.session.ClientOptions;
import io.wxchat.session.ClientSession;
import io.wxchat.session.Inbox;
import io.wxchat.session.Received;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import io.wxchat.session.Sizes;
import io.wxchat.session.Transcript;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A session on the simulator's own upgrade and framing over a plain (or TLS) socket, so that every
 * resource a server can make it spend is bounded: the upgrade answer (size and time), each frame
 * ({@code maxFrame}: a larger one is never buffered), the inbox, the transcript, and every write
 * ({@link #WRITE_TIMEOUT_MILLIS}: a server that stops reading cannot block a send for ever). A raw
 * session may also write any bytes (invalid UTF-8, broken frames) and stop reading (a slow reader).
 */
public final class RawSession implements ClientSession {
  /** How long one write may wait for the server to take its bytes. */
  public static final long WRITE_TIMEOUT_MILLIS = 5_000;
  /** How long a close handshake the client started waits for the server's close frame. */
  static final long CLOSE_WAIT_MILLIS = 2_000;
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
  private static final ScheduledExecutorService TIMERS = timers();

  private final String name;
  private final Transcript transcript;
  private final boolean raw;
  private final Inbox inbox = new Inbox();
  private final Object writeLock = new Object();
  private Socket socket;
  private volatile Socket tcp;
  private OutputStream out;
  private FrameReader reader;
  private volatile boolean open;
  private volatile boolean closeSent;
  private volatile String gaveUp;

  private RawSession(String name, Transcript transcript, boolean raw) {
    this.name = name;
    this.transcript = transcript;
    this.raw = raw;
  }

  /**
   * Connects and upgrades within the options' connect timeout; throws {@link IOException} naming why
   * it failed ({@link Upgrade.Refused} when the server answered, but not with an upgrade).
   */
  public static RawSession open(String name, URI uri, ClientOptions options, Transcript transcript,
                                SSLContext tls, long maxFrame) throws IOException {
    RawSession session = new RawSession(name, transcript, options.raw());
    try {
      session.connect(uri, options, tls, maxFrame);
    } catch (IOException e) {
      session.closeSocket();
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      if (why.contains("PKIX") || why.contains("certificate")) {
        why = why.replaceAll("sun\\.security\\.\\S+: ", "")
            + " (the server's certificate is not trusted: give its certificate or CA with --ca-cert PEM)";
      }
      transcript.record(name, Direction.INFO, Kind.ERROR, "connect " + uri + " failed: " + why, 0);
      IOException failure = e instanceof Upgrade.Refused refused
          ? new Upgrade.Refused("cannot connect to " + uri + ": " + why, refused.answered(), refused.status())
          : new IOException("cannot connect to " + uri + ": " + why, e);
      throw failure;
    }
    return session;
  }

  private void connect(URI uri, ClientOptions options, SSLContext tls, long maxFrame) throws IOException {
    long timeout = options.connectTimeout().toMillis();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
    int port = Upgrade.port(uri);
    socket = new Socket();
    tcp = socket;
    socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout);
    socket.setTcpNoDelay(true);
    if ("wss".equalsIgnoreCase(uri.getScheme())) {
      socket = secure(socket, uri.getHost(), port, tls, deadline);
    }
    out = socket.getOutputStream();
    DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    Upgrade upgrade = new Upgrade();
    if (!write(upgrade.request(uri, options))) {
      throw new IOException(gaveUp != null ? gaveUp : "the connection closed before the upgrade request was sent");
    }
    Upgrade.Answer answer = Upgrade.read(in, socket, deadline, timeout);
    upgrade.check(answer, options);
    socket.setSoTimeout(0);
    open = true;
    transcript.record(name, Direction.INFO, Kind.OPEN, uri + (raw ? " (raw)" : ""), answer.status());
    reader = new FrameReader(this, in, maxFrame);
    Thread thread = new Thread(reader::run, "client-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private static Socket secure(Socket plain, String host, int port, SSLContext tls, long deadline) throws IOException {
    SSLContext context;
    try {
      context = tls != null ? tls : SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no TLS in this JRE: " + e.getMessage(), e);
    }
    SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
    SSLParameters parameters = secure.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    secure.setSSLParameters(parameters);
    secure.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    secure.startHandshake();
    return secure;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(String text) {
    transcript.record(name, Direction.OUT, Kind.TEXT, text, 0);
    sendFrame(FrameCodec.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void sendBinary(byte[] bytes) {
    transcript.record(name, Direction.OUT, Kind.BINARY, HEX.formatHex(bytes), 0);
    sendFrame(FrameCodec.BINARY, bytes);
  }

  @Override
  public void sendRaw(byte[] bytes) {
    if (!raw) {
      throw new UnsupportedOperationException("raw bytes need a raw client: connect with raw: true");
    }
    transcript.record(name, Direction.OUT, Kind.RAW, HEX.formatHex(bytes), 0);
    if (open) {
      write(bytes);
    } else {
      notSent();
    }
  }

  private void sendFrame(int opcode, byte[] payload) {
    if (open) {
      write(FrameCodec.encode(opcode, payload, true));
    } else {
      notSent();
    }
  }

  private void notSent() {
    transcript.record(name, Direction.INFO, Kind.ERROR, gaveUp != null ? "not sent: " + gaveUp
        : "not sent: the connection is closed", 0);
  }

  @Override
  public Inbox inbox() {
    return inbox;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close(int code) {
    if (!open) {
      return;
    }
    transcript.record(name, Direction.OUT, Kind.CLOSE, "", code);
    open = false;
    closeSent = true;
    write(FrameCodec.encode(FrameCodec.CLOSE, FrameCodec.closePayload(code, ""), true));
    // the server should answer with its close frame; if it does not, the client ends it
    TIMERS.schedule(this::closeSocket, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void drop() {
    transcript.record(name, Direction.OUT, Kind.CLOSE, "TCP connection dropped, no close frame", 1006);
    if (open && reader != null) {
      reader.ended(new Received.Closed(1006, "dropped by the client", System.nanoTime()));
    }
    open = false;
    closeSocket();
  }

  @Override
  public void pauseReading() {
    if (!raw) {
      throw new UnsupportedOperationException("pauseReading needs a raw client: connect with raw: true");
    }
    reader.pause(true);
    transcript.record(name, Direction.INFO, Kind.OPEN, "reading paused", 0);
  }

  @Override
  public void resumeReading() {
    if (!raw) {
      throw new UnsupportedOperationException("resumeReading needs a raw client: connect with raw: true");
    }
    reader.pause(false);
    transcript.record(name, Direction.INFO, Kind.OPEN, "reading resumed", 0);
  }

  /** Ends the session without a close handshake (the case is over; a stalled server cannot hold it up). */
  @Override
  public void close() {
    open = false;
    if (reader != null) {
      reader.ended(null);
      reader.pause(false);
    }
    closeSocket();
    inbox.discard();
  }

  String clientName() {
    return name;
  }

  Transcript transcript() {
    return transcript;
  }

  boolean closeSent() {
    return closeSent;
  }

  /** Why the client gave up on the connection (a write the server did not take), or null. */
  String gaveUp() {
    return gaveUp;
  }

  void markClosed() {
    open = false;
  }

  /** A frame from the reader (a pong, the close reply); false if it could not be written in time. */
  boolean writeFrame(int opcode, byte[] payload) {
    return write(FrameCodec.encode(opcode, payload, true));
  }

  /**
   * Writes {@code bytes}, or gives up after {@link #WRITE_TIMEOUT_MILLIS}: a server that stops
   * reading fills the socket buffers and would block the write for ever. Giving up drops the
   * connection and says why in the transcript and in the close the inbox receives.
   */
  private boolean write(byte[] bytes) {
    synchronized (writeLock) {
      if (socket == null || socket.isClosed()) {
        notSent();
        return false;
      }
      ScheduledFuture<?> guard = TIMERS.schedule(() -> stalled(bytes.length), WRITE_TIMEOUT_MILLIS,
          TimeUnit.MILLISECONDS);
      try {
        out.write(bytes);
        out.flush();
        return true;
      } catch (IOException e) {
        transcript.record(name, Direction.INFO, Kind.ERROR, gaveUp != null ? "not sent: " + gaveUp
            : "not sent: " + e.getMessage(), 0);
        return false;
      } finally {
        guard.cancel(false);
      }
    }
  }

  private void stalled(int size) {
    gaveUp = "the server did not read a write of " + Sizes.bytes(size) + " within " + WRITE_TIMEOUT_MILLIS
        + " ms (it stopped reading); the client dropped the connection";
    open = false;
    closeSocket();
  }

  // Closes the TCP socket under any TLS layer: a TLS close_notify racing the server's writes trips an
  // assertion in Java-WebSocket's SSLSocketChannel2 that kills the server's selector thread (seen with -ea)
  void closeSocket() {
    try {
      if (tcp != null) {
        tcp.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static ScheduledExecutorService timers() {
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "client-timers");
      thread.setDaemon(true);
      return thread;
    });
    timers.setRemoveOnCancelPolicy(true); // a burst of 1,000 writes leaves no 1,000 cancelled timers behind
    return timers;
  }
}

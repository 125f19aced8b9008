package io.wxchat.session.internal;

import io.wxchat.session.ClientOptions;
import io.wxchat.session.ClientSession;
import io.wxchat.session.Inbox;
import io.wxchat.session.Received;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import io.wxchat.session.Transcript;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session on a plain socket: does its own upgrade and framing so it can write any bytes (invalid
 * UTF-8, broken frames) and stop reading (a slow reader). One reader thread per session.
 */
public final class RawSession implements ClientSession {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
  private final Object writing = new Object();

  private final String name;
  private final Transcript transcript;
  private final Socket socket = new Socket();
  private final Inbox inbox = new Inbox();
  private final ReentrantLock gate = new ReentrantLock();
  private final Condition resumed = gate.newCondition();
  private boolean paused;
  private volatile boolean open;
  private OutputStream out;
  private DataInputStream in;

  private RawSession(String name, Transcript transcript) {
    this.name = name;
    this.transcript = transcript;
  }

  public static RawSession open(String name, URI uri, ClientOptions options, Transcript transcript) throws IOException {
    if ("wss".equalsIgnoreCase(uri.getScheme())) {
      throw new IOException("raw clients speak plain ws:// only; run raw cases against a ws:// target");
    }
    RawSession session = new RawSession(name, transcript);
    session.handshake(uri, options);
    return session;
  }

  private void handshake(URI uri, ClientOptions options) throws IOException {
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    socket.connect(new InetSocketAddress(uri.getHost(), port), (int) options.connectTimeout().toMillis());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout((int) options.connectTimeout().toMillis());
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    StringBuilder request = new StringBuilder("GET ").append(options.path()).append(" HTTP/1.1\r\n")
        .append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n")
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
        .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n");
    if (!options.subprotocols().isEmpty()) {
      request.append("Sec-WebSocket-Protocol: ").append(String.join(", ", options.subprotocols())).append("\r\n");
    }
    options.headers().forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String status = readLine();
    while (!readLine().isEmpty()) {
      // skip the response headers
    }
    if (!status.startsWith("HTTP/1.1 101")) {
      socket.close();
      transcript.record(name, Direction.INFO, Kind.ERROR, "upgrade refused: " + status, 0);
      throw new IOException("upgrade refused: " + status);
    }
    socket.setSoTimeout(0);
    open = true;
    transcript.record(name, Direction.INFO, Kind.OPEN, uri.toString() + " (raw)", 101);
    Thread reader = new Thread(this::readFrames, "raw-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(String text) {
    transcript.record(name, Direction.OUT, Kind.TEXT, text, 0);
    writeFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void sendBinary(byte[] bytes) {
    transcript.record(name, Direction.OUT, Kind.BINARY, HEX.formatHex(bytes), 0);
    writeFrame(0x2, bytes);
  }

  @Override
  public void sendRaw(byte[] bytes) {
    transcript.record(name, Direction.OUT, Kind.RAW, HEX.formatHex(bytes), 0);
    write(bytes);
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
    transcript.record(name, Direction.OUT, Kind.CLOSE, "", code);
    writeFrame(0x8, new byte[] {(byte) (code >>> 8), (byte) code});
  }

  @Override
  public void drop() {
    transcript.record(name, Direction.OUT, Kind.CLOSE, "TCP connection dropped, no close frame", 1006);
    close();
  }

  @Override
  public void pauseReading() {
    gate.lock();
    try {
      paused = true;
    } finally {
      gate.unlock();
    }
    transcript.record(name, Direction.INFO, Kind.OPEN, "reading paused", 0);
  }

  @Override
  public void resumeReading() {
    gate.lock();
    try {
      paused = false;
      resumed.signalAll();
    } finally {
      gate.unlock();
    }
    transcript.record(name, Direction.INFO, Kind.OPEN, "reading resumed", 0);
  }

  @Override
  public void close() {
    open = false;
    resumeReading();
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void readFrames() {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int messageOpcode = 0;
    try {
      while (true) {
        awaitNotPaused();
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        if (length > 64L * 1024 * 1024) {
          throw new IOException("frame of " + length + " bytes is too large to record");
        }
        byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (mask != null) {
          for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
          }
        }
        long at = System.nanoTime();
        int opcode = first & 0x0f;
        boolean fin = (first & 0x80) != 0;
        if (opcode == 0x8) {
          int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
          transcript.recordAt(at, name, Direction.IN, Kind.CLOSE, reason, code);
          inbox.add(new Received.Closed(code, reason, at));
          open = false;
          socket.close();
          return;
        }
        if (opcode == 0x9) {
          writeFrame(0xA, payload);
          continue;
        }
        if (opcode == 0xA) {
          continue;
        }
        if (opcode != 0x0) {
          messageOpcode = opcode;
          message.reset();
        }
        message.write(payload);
        if (fin) {
          byte[] whole = message.toByteArray();
          if (messageOpcode == 0x1) {
            String text = new String(whole, StandardCharsets.UTF_8);
            transcript.recordAt(at, name, Direction.IN, Kind.TEXT, text, 0);
            inbox.add(new Received.Text(text, at));
          } else {
            transcript.recordAt(at, name, Direction.IN, Kind.BINARY, HEX.formatHex(whole), 0);
            inbox.add(new Received.Binary(whole, at));
          }
        }
      }
    } catch (EOFException | java.net.SocketException ended) {
      connectionLost(ended.getMessage());
    } catch (IOException e) {
      connectionLost(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void connectionLost(String why) {
    if (open) {
      open = false;
      long at = System.nanoTime();
      transcript.recordAt(at, name, Direction.IN, Kind.CLOSE, "connection lost without a close frame"
          + (why == null ? "" : ": " + why), 1006);
      inbox.add(new Received.Closed(1006, "connection lost without a close frame", at));
    }
  }

  private void awaitNotPaused() throws InterruptedException {
    gate.lock();
    try {
      while (paused) {
        resumed.await();
      }
    } finally {
      gate.unlock();
    }
  }

  private void writeFrame(int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    write(frame.toByteArray());
  }

  private void write(byte[] bytes) {
    try {
      synchronized (writing) { // not the socket: Socket.close() locks it, and must end a stuck write
        out.write(bytes);
        out.flush();
      }
    } catch (IOException e) {
      transcript.record(name, Direction.INFO, Kind.ERROR, "not sent: " + e.getMessage(), 0);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        throw new EOFException("the server closed the connection during the upgrade");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}

package closedloop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One WebSocket connection on the {@link IoLoop} (a minimal RFC 6455 client: masking, fragments,
 * ping/pong, the close handshake) and its closed loop: at most one message outstanding, so its
 * callbacks never overlap. Loop state is written on the loop thread and read by the watchdog.
 */
final class Connection {
  final int id;
  final CompletableFuture<Void> opened = new CompletableFuture<>();
  final CompletableFuture<Void> closed = new CompletableFuture<>();
  volatile Round round;
  volatile long sentAt;
  volatile boolean slowReported;
  volatile int seq;
  volatile String sentText;

  private final Connections set;
  private final IoLoop loop;
  private final URI uri;
  private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>();
  private SocketChannel channel;
  private SelectionKey key;
  private Handshake handshake;
  private boolean handshaken;
  private boolean closeSent;
  private byte[] leftover;
  private ByteArrayOutputStream fragments;
  private int fragmentOpcode;

  Connection(int id, Connections set, IoLoop loop, URI uri) {
    this.id = id;
    this.set = set;
    this.loop = loop;
    this.uri = uri;
  }

  /** Starts this connection's closed loop on {@code r}. */
  void begin(Round r) {
    round = r;
    seq = 0;
    if (loop.inLoop()) {
      sendNext();
    } else {
      loop.execute(this::sendNext);
    }
  }

  private void sendNext() {
    seq++;
    String text = "hello from client " + id + " #" + seq;
    sentText = text;
    slowReported = false;
    sentAt = System.nanoTime();
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    try {
      write(ByteBuffer.wrap(Frame.masked(Frame.TEXT, payload, 0, payload.length)));
    } catch (IOException | RuntimeException e) {
      failRound("send failed: " + Connections.describe(e));
      drop(e);
    }
  }

  /** On the loop thread: the connect, handshake, read or write this key is ready for. */
  void start() {
    if (opened.isDone()) {
      return; // timed out before the loop got to it
    }
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      int port = uri.getPort() > 0 ? uri.getPort() : 80;
      boolean connected = channel.connect(new InetSocketAddress(uri.getHost(), port));
      key = channel.register(loop.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
      if (connected) {
        sendHandshake();
      }
    } catch (IOException | RuntimeException e) {
      drop(e);
    }
  }

  void ready(SelectionKey k) {
    try {
      if (!k.isValid()) {
        return;
      }
      if (k.isConnectable()) {
        channel.finishConnect();
        k.interestOps(SelectionKey.OP_READ);
        sendHandshake();
        return;
      }
      if (k.isWritable()) {
        flush();
      }
      if (k.isValid() && k.isReadable()) {
        read();
      }
    } catch (IOException | RuntimeException e) {
      drop(e);
    }
  }

  /** Starts the close handshake. */
  void close() {
    loop.execute(() -> {
      if (closed.isDone() || channel == null || !channel.isOpen()) {
        closed.complete(null);
        return;
      }
      try {
        closeSent = true;
        write(ByteBuffer.wrap(Frame.masked(Frame.CLOSE, new byte[] {0x03, (byte) 0xE8}, 0, 2)));
      } catch (IOException | RuntimeException e) {
        drop(e);
      }
    });
  }

  /** Drops the connection without a close handshake. */
  void abort() {
    loop.execute(() -> {
      closeQuietly();
      closed.complete(null);
      opened.completeExceptionally(new IOException("aborted"));
    });
  }

  private void sendHandshake() throws IOException {
    handshake = new Handshake(uri);
    write(ByteBuffer.wrap(handshake.request));
  }

  private void read() throws IOException {
    ByteBuffer buf = loop.readBuffer;
    buf.clear();
    if (leftover != null) {
      buf.put(leftover);
      leftover = null;
    }
    int n = channel.read(buf);
    buf.flip();
    if (n < 0 && !buf.hasRemaining()) {
      drop(new IOException("server closed the TCP connection without a close frame"));
      return;
    }
    if (!handshaken) {
      if (!handshake.read(buf)) {
        keep(buf);
        return;
      }
      handshaken = true;
      if (opened.isDone()) {
        closeQuietly(); // timed out meanwhile
        closed.complete(null);
        return;
      }
      opened.complete(null);
    }
    readFrames(buf);
    keep(buf);
    if (n < 0 && channel.isOpen()) {
      drop(new IOException("server closed the TCP connection without a close frame"));
    }
  }

  private void keep(ByteBuffer buf) throws IOException {
    if (!buf.hasRemaining()) {
      return;
    }
    if (buf.remaining() >= buf.capacity() - 64) {
      throw new IOException("frame or handshake larger than " + IoLoop.MAX_FRAME + " bytes");
    }
    leftover = new byte[buf.remaining()];
    buf.get(leftover);
  }

  private void readFrames(ByteBuffer buf) throws IOException {
    while (buf.remaining() >= 2 && channel.isOpen()) {
      int p = buf.position();
      int b0 = buf.get(p) & 0xff;
      int b1 = buf.get(p + 1) & 0xff;
      if ((b0 & 0x70) != 0 || (b1 & 0x80) != 0) {
        throw new IOException("protocol error: reserved bits set or masked frame from the server");
      }
      long length = b1 & 0x7f;
      int header = 2;
      if (length == 126) {
        if (buf.remaining() < 4) {
          return;
        }
        length = buf.getShort(p + 2) & 0xffff;
        header = 4;
      } else if (length == 127) {
        if (buf.remaining() < 10) {
          return;
        }
        length = buf.getLong(p + 2);
        header = 10;
      }
      if (length < 0 || length > IoLoop.MAX_FRAME) {
        throw new IOException("frame of " + length + " bytes; the driver accepts up to " + IoLoop.MAX_FRAME);
      }
      if (buf.remaining() < header + length) {
        return;
      }
      int start = p + header;
      buf.position(start + (int) length);
      frame((b0 & 0x80) != 0, b0 & 0x0f, buf.array(), start, (int) length);
    }
  }

  private void frame(boolean fin, int opcode, byte[] data, int offset, int length) throws IOException {
    switch (opcode) {
      case Frame.TEXT, Frame.BINARY -> {
        if (fin) {
          message(opcode, data, offset, length);
        } else {
          fragmentOpcode = opcode;
          fragments = new ByteArrayOutputStream();
          fragments.write(data, offset, length);
        }
      }
      case Frame.CONTINUATION -> {
        if (fragments == null) {
          throw new IOException("protocol error: continuation frame with no message started");
        }
        fragments.write(data, offset, length);
        if (fin) {
          byte[] whole = fragments.toByteArray();
          fragments = null;
          message(fragmentOpcode, whole, 0, whole.length);
        }
      }
      case Frame.CLOSE -> {
        int code = length >= 2 ? ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff) : 1005;
        String reason = length > 2 ? new String(data, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
        if (!closeSent) {
          write(ByteBuffer.wrap(Frame.masked(Frame.CLOSE, data, offset, Math.min(length, 2))));
        }
        channel.close();
        if (!set.closing && sentAt != 0) {
          failRound("server closed the connection (code " + code
              + (reason.isEmpty() ? "" : ", reason \"" + reason + "\"") + ") before replying");
        }
        closed.complete(null);
      }
      case Frame.PING -> write(ByteBuffer.wrap(Frame.masked(Frame.PONG, data, offset, length)));
      case Frame.PONG -> { }
      default -> throw new IOException("protocol error: opcode " + opcode);
    }
  }

  private void message(int opcode, byte[] data, int offset, int length) {
    Round r = round;
    if (opcode == Frame.BINARY) {
      if (r != null) {
        r.error("client " + id + " message " + seq + ": binary frame where a JSON text frame was expected");
      }
      return;
    }
    String text = new String(data, offset, length, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0 && !validUtf8(data, offset, length)) {
      text = "(invalid UTF-8) " + text;
    }
    long now = System.nanoTime();
    long sent = sentAt;
    if (r == null || sent == 0) {
      set.unexpected("client " + id + ": reply with no message outstanding: " + EchoReply.clip(text));
      return;
    }
    sentAt = 0;
    if (r.record(this, sentText, text, now - sent, now)) {
      sendNext();
    }
  }

  private static boolean validUtf8(byte[] data, int offset, int length) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, offset, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private void write(ByteBuffer frame) throws IOException {
    if (!pendingWrites.isEmpty()) {
      pendingWrites.add(frame);
      return;
    }
    channel.write(frame);
    if (frame.hasRemaining()) {
      pendingWrites.add(frame);
      key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }
  }

  private void flush() throws IOException {
    while (!pendingWrites.isEmpty()) {
      ByteBuffer head = pendingWrites.peek();
      channel.write(head);
      if (head.hasRemaining()) {
        return;
      }
      pendingWrites.poll();
    }
    key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
  }

  private void failRound(String why) {
    Round r = round;
    if (r != null) {
      r.fail("client " + id + " message " + seq + ": " + why);
    }
  }

  /** The connection failed: a message outstanding fails the run (a dropped connection is a failure). */
  private void drop(Throwable error) {
    closeQuietly();
    if (!set.closing && sentAt != 0) {
      failRound("connection failed before the reply: " + Connections.describe(error));
    }
    opened.completeExceptionally(error);
    closed.complete(null);
  }

  private void closeQuietly() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // already going away
    }
  }
}

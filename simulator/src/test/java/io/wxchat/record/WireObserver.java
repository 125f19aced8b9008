package io.wxchat.record;

import io.wxchat.record.internal.HttpHead;
import io.wxchat.session.internal.Frame;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test instrument on the far side of the proxy: accepts one WebSocket upgrade, then notes the size
 * of every TCP read and the frames it parses, and can answer with a frame. Not a server under test.
 */
final class WireObserver implements AutoCloseable {
  private final ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
  final List<Integer> readSizes = new CopyOnWriteArrayList<>();
  final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private volatile Socket socket;

  WireObserver() throws IOException {
    Thread thread = new Thread(this::serve, "wire-observer");
    thread.setDaemon(true);
    thread.start();
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/");
  }

  /** Sends an unmasked text frame to the client, as a server does. */
  void sendText(String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(Frame.of(Frame.TEXT, text.getBytes(StandardCharsets.UTF_8), false).wire());
    out.flush();
  }

  Frame nextFrame() throws InterruptedException {
    return frames.poll(5, TimeUnit.SECONDS);
  }

  private void serve() {
    try {
      while (true) {
        Socket accepted = listener.accept();
        InputStream in = accepted.getInputStream();
        HttpHead request = HttpHead.read(in, accepted, System.nanoTime() + 5_000_000_000L, "the proxy");
        accepted.setSoTimeout(0);
        if (request.header("Sec-WebSocket-Key") == null) {
          accepted.close(); // the proxy's upstream check, or anything else: not ours
          continue;
        }
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
            (request.header("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        accepted.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        accepted.getOutputStream().flush();
        socket = accepted;
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[65_536];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          readSizes.add(n);
          seen.write(buffer, 0, n);
          parse(seen);
        }
      }
    } catch (IOException | java.security.GeneralSecurityException closed) {
      // the test is over
    }
  }

  private void parse(ByteArrayOutputStream seen) {
    byte[] bytes = seen.toByteArray();
    int used = 0;
    while (true) {
      try {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, used, bytes.length - used));
        Frame frame = Frame.read(in, 1 << 20);
        used += frame.wire().length;
        frames.add(frame);
      } catch (IOException incomplete) {
        break;
      }
    }
    seen.reset();
    seen.write(bytes, used, bytes.length - used);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    if (socket != null) {
      socket.close();
    }
  }
}

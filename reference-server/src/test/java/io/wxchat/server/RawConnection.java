package io.wxchat.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** A bare TCP client for what a well-behaved WebSocket client cannot send: bad bytes, bad frames. */
final class RawConnection implements AutoCloseable {
  /** A frame read from the server. */
  record Frame(int opcode, byte[] payload) {
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket = new Socket();
  private final OutputStream out;
  private final DataInputStream in;

  private RawConnection(URI uri) throws IOException {
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
    socket.setSoTimeout(5_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
  }

  static RawConnection open(URI uri) throws IOException {
    return new RawConnection(uri);
  }

  /** Opens and completes a WebSocket upgrade on {@code path}; returns the status line. */
  static RawConnection upgraded(URI uri, String path) throws IOException {
    RawConnection raw = open(uri);
    String status = raw.request("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n\r\n");
    if (!status.startsWith("HTTP/1.1 101")) {
      raw.close();
      throw new IOException("upgrade refused: " + status);
    }
    return raw;
  }

  /** Sends raw request bytes; returns the response status line and reads past the headers. */
  String request(String head) throws IOException {
    write(head.getBytes(StandardCharsets.ISO_8859_1));
    String status = readLine();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      // skip headers
    }
    return status;
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends one masked client frame with FIN set. */
  void sendFrame(int opcode, byte[] payload) throws IOException {
    write(frame(true, opcode, payload, true));
  }

  /** One client frame: {@code fin} false for a fragment, {@code masked} false to break RFC 6455 5.1. */
  static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(maskBit | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(maskBit | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    byte[] mask = new byte[4];
    if (masked) {
      ThreadLocalRandom.current().nextBytes(mask);
      frame.write(mask, 0, 4);
    }
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  /** Reads frames until a close frame and returns its code; fails past {@code maxFrames}. */
  int readUntilClose(int maxFrames) throws IOException {
    for (int i = 0; i < maxFrames; i++) {
      Frame frame = readFrame();
      if (frame.opcode() == 8) {
        return frame.closeCode();
      }
    }
    throw new IOException("no close frame within " + maxFrames + " frames");
  }

  Frame readFrame() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  /** True when the server closes the TCP connection within the read timeout (what is left is skipped). */
  boolean isClosedByServer() throws IOException {
    byte[] drain = new byte[64 * 1024];
    try {
      while (in.read(drain) != -1) {
        // drain the rest of a response body, or what the server queued before it closed
      }
      return true;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    InputStream stream = in;
    for (int b = stream.read(); b != -1; b = stream.read()) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package io.wxchat.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.LoggerFactory;

/**
 * Counts the bytes of one HTTP upgrade request up to the blank line that ends its headers. Java-WebSocket
 * 1.6.0 gathers a request of any size (it re-copies all it has on each read), so a stream of header lines
 * grows memory until the handshake timeout; past {@link #MAX_BYTES} the server answers 431 instead.
 */
final class UpgradeRequestLimit {
  static final int MAX_BYTES = 8 * 1024;
  private static final byte[] TOO_LARGE = ("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 35\r\n\r\nupgrade request over 8192 bytes\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII);
  private long seen;
  private int endMatched; // how much of \r\n\r\n the last bytes matched
  private boolean complete;

  /** Whether the request, with {@code read} added (position and limit unchanged), is over the limit. */
  boolean exceededBy(ByteBuffer read) {
    for (int i = read.position(); i < read.limit() && !complete; i++) {
      seen++;
      byte b = read.get(i);
      boolean expected = b == ((endMatched % 2 == 0) ? '\r' : '\n');
      endMatched = expected ? endMatched + 1 : (b == '\r' ? 1 : 0);
      complete = endMatched == 4;
      if (seen > MAX_BYTES) {
        return true;
      }
    }
    return false;
  }

  /** Answers 431 (best effort) and closes {@code socket}. */
  static void refuse(WebSocketImpl socket) {
    LoggerFactory.getLogger("io.wxchat.server").info("refused {}: upgrade request over {} bytes; answered HTTP 431",
        socket.getRemoteSocketAddress(), MAX_BYTES);
    try {
      socket.getChannel().write(ByteBuffer.wrap(TOO_LARGE));
    } catch (IOException | RuntimeException ignored) {
      // best effort: the socket is closed either way
    }
    socket.closeConnection(CloseFrame.NEVER_CONNECTED, "upgrade request too large");
  }
}

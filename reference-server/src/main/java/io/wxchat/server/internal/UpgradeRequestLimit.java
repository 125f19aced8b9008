package io.wxchat.server.internal;

import java.nio.ByteBuffer;

/**
 * Counts the bytes of one HTTP upgrade request up to the blank line that ends its headers. Java-WebSocket
 * 1.6.0 gathers a request of any size (it re-copies all it has on each read), so a stream of header lines
 * grows memory until the handshake timeout; past {@link #MAX_BYTES} the server answers 431 instead.
 */
final class UpgradeRequestLimit {
  static final int MAX_BYTES = 8 * 1024;
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
}

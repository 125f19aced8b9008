package io.wxchat.session.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the head of an HTTP/1.1 message (start line and header lines, up to the blank line) byte by
 * byte, so nothing after it is consumed, bounded in size and in time:
 * {@code HeadReader.read(in, socket, System.nanoTime() + 5_000_000_000L, 16 * 1024, true)}.
 * The client's upgrade ({@link Upgrade}) and the recording proxy read every head with it.
 */
public final class HeadReader {
  private HeadReader() {
  }

  /** Why a head could not be read whole. */
  public enum Stop {
    /** The peer closed the connection first. */
    CLOSED,
    /** The deadline passed first (a peer that stalls or trickles). */
    TIMED_OUT,
    /** More bytes than allowed without the blank line. */
    TOO_LONG,
    /** A response that does not start with {@code HTTP/}. */
    NOT_HTTP
  }

  /** The head could not be read whole: why, and the bytes read until then (the caller words it). */
  public static final class Incomplete extends IOException {
    private static final long serialVersionUID = 1L;
    private final Stop stop;
    private final byte[] soFar;

    Incomplete(Stop stop, byte[] soFar) {
      super(stop + " after " + soFar.length + " bytes of an HTTP head");
      this.stop = stop;
      this.soFar = soFar.clone();
    }

    public Stop stop() {
      return stop;
    }

    public byte[] soFar() {
      return soFar.clone();
    }
  }

  /**
   * The start line and the header lines (without line ends) of the head on {@code in}, read by
   * {@code deadlineNanos} ({@link System#nanoTime()}) through {@code socket}'s read timeout, which it
   * leaves set; at most {@code maxBytes}. A {@code response} must start with {@code HTTP/}.
   */
  public static List<String> read(InputStream in, Socket socket, long deadlineNanos, int maxBytes, boolean response)
      throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int lineStart = 0;
    while (true) {
      // timed out only once the deadline has passed: a read timeout in whole milliseconds (rounded
      // up) can still end a little early, and then the rest is waited for
      long leftNanos = deadlineNanos - System.nanoTime();
      if (leftNanos <= 0) {
        throw new Incomplete(Stop.TIMED_OUT, head.toByteArray());
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, (leftNanos + 999_999) / 1_000_000));
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        continue;
      }
      if (b < 0) {
        throw new Incomplete(Stop.CLOSED, head.toByteArray());
      }
      head.write(b);
      if (response && (head.size() == 1 && b != 'H'
          || head.size() == 5 && !head.toString(StandardCharsets.ISO_8859_1).equals("HTTP/"))) {
        throw new Incomplete(Stop.NOT_HTTP, head.toByteArray());
      }
      if (b == '\n') {
        int length = head.size() - lineStart;
        lineStart = head.size();
        if (length <= 2) { // the blank line, CRLF or a bare LF
          String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r?\n");
          return List.of(Arrays.copyOf(lines, lines.length));
        }
      }
      if (head.size() > maxBytes) {
        throw new Incomplete(Stop.TOO_LONG, head.toByteArray());
      }
    }
  }

  /** A header line as name and value (trimmed), or null if it has no name before a colon. */
  public static Map.Entry<String, String> field(String line) {
    int colon = line.indexOf(':');
    return colon > 0 ? Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()) : null;
  }
}

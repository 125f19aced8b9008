package io.wxchat.record.internal;

import io.wxchat.session.internal.HeadReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The head of an HTTP/1.1 request or response (start line and headers, in the order sent), read
 * with {@link HeadReader} so nothing after it is consumed and a peer that stalls or trickles cannot
 * hold a thread: {@code HttpHead.read(in, socket, deadline, "the client").header("Upgrade")}.
 */
public record HttpHead(String startLine, List<Map.Entry<String, String>> headers) {
  static final int MAX_BYTES = 32 * 1024;

  /**
   * Reads a head from {@code in} (the stream of {@code socket}) by {@code deadlineNanos}
   * ({@link System#nanoTime()}); {@code peer} names the sender in the error, e.g. {@code the client}.
   * Leaves the socket's read timeout set: reset it before reading frames.
   */
  public static HttpHead read(InputStream in, Socket socket, long deadlineNanos, String peer) throws IOException {
    long started = System.nanoTime();
    List<String> lines;
    try {
      lines = HeadReader.read(in, socket, deadlineNanos, MAX_BYTES, false);
    } catch (HeadReader.Incomplete e) {
      int bytes = e.soFar().length;
      throw switch (e.stop()) {
        case CLOSED -> new EOFException(bytes == 0 ? peer + " closed the connection before any HTTP"
            : peer + " closed the connection in the middle of the HTTP head");
        case TIMED_OUT -> new IOException("no complete HTTP head from " + peer + " within "
            + Math.max(0, (deadlineNanos - started) / 1_000_000) + " ms (" + bytes + " bytes so far)");
        case TOO_LONG -> new IOException("an HTTP head over " + MAX_BYTES + " bytes from " + peer);
        case NOT_HTTP -> new IOException(peer + " sent bytes that are not HTTP");
      };
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      Map.Entry<String, String> field = HeadReader.field(line);
      if (field != null) {
        headers.add(field);
      }
    }
    return new HttpHead(lines.get(0), List.copyOf(headers));
  }

  public String header(String name) {
    return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  /** The request target ({@code /path?query}) of a request head. */
  public String target() {
    String[] parts = startLine.split(" ");
    return parts.length > 1 ? parts[1] : "/";
  }

  /** The status of a response head, or -1 if it is not an HTTP status line. */
  public int status() {
    String[] parts = startLine.split(" ");
    if (parts.length > 1 && parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/") && parts[1].matches("\\d{3}")) {
      return Integer.parseInt(parts[1]);
    }
    return -1;
  }

  /** The same head with one header replaced (or added), as bytes to send. */
  public byte[] bytesWith(String name, String value) {
    StringBuilder out = new StringBuilder(startLine).append("\r\n");
    boolean replaced = false;
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        if (!replaced) {
          out.append(header.getKey()).append(": ").append(value).append("\r\n");
          replaced = true;
        }
      } else {
        out.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
      }
    }
    if (!replaced && name != null) {
      out.append(name).append(": ").append(value).append("\r\n");
    }
    return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  public byte[] bytes() {
    return bytesWith(null, null);
  }
}

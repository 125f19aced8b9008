package io.wxchat.record.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The head of an HTTP/1.1 request or response (start line and headers, in the order sent), read
 * byte by byte so nothing after it is consumed: {@code HttpHead.read(in).header("Upgrade")}.
 */
public record HttpHead(String startLine, List<Map.Entry<String, String>> headers) {
  private static final int MAX_BYTES = 32 * 1024;

  public static HttpHead read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(head.size() == 0 ? "the connection closed before any HTTP"
            : "the connection closed in the middle of the HTTP head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_BYTES) {
        throw new IOException("an HTTP head over " + MAX_BYTES + " bytes");
      }
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
      }
    }
    return new HttpHead(lines[0], List.copyOf(headers));
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

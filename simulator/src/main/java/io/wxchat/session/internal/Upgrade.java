package io.wxchat.session.internal;

import io.wxchat.session.ClientOptions;
import io.wxchat.session.Sizes;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client's side of the HTTP upgrade (RFC 6455 §4.1), bounded: the server's answer (status line
 * and headers) must be complete within {@link #MAX_ANSWER_BYTES} and before the deadline.
 */
public final class Upgrade {
  /** Status line and headers of the server's answer; real servers send a few hundred bytes. */
  public static final int MAX_ANSWER_BYTES = 16 * 1024;
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String key;

  public Upgrade() {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    this.key = Base64.getEncoder().encodeToString(nonce);
  }

  /**
   * The server answered, but not with a WebSocket upgrade: an HTTP status other than 101, or bytes
   * that are not HTTP. Unlike silence or a dropped connection, this says the target is not (there)
   * a WebSocket server.
   */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    private final String answered;
    private final int status;

    Refused(String message, String answered, int status) {
      super(message);
      this.answered = answered;
      this.status = status;
    }

    /** What the server answered, e.g. {@code HTTP 200 text/html} or {@code HTTP 403 Forbidden}. */
    public String answered() {
      return answered;
    }

    /** The HTTP status it answered, or 0 if its answer was not HTTP. */
    public int status() {
      return status;
    }
  }

  /** The server's status and headers (names in lower case). */
  public record Answer(String statusLine, int status, Map<String, String> headers) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }
  }

  /** The GET request with this upgrade's key. */
  public byte[] request(URI uri, ClientOptions options) {
    int port = port(uri);
    boolean defaultPort = port == ("wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    String path = options.path() == null || options.path().isEmpty() ? "/" : options.path();
    StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n")
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
        .append("Sec-WebSocket-Key: ").append(key).append("\r\n");
    if (!options.subprotocols().isEmpty()) {
      request.append("Sec-WebSocket-Protocol: ").append(String.join(", ", options.subprotocols())).append("\r\n");
    }
    options.headers().forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    return request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the answer's status line and headers from {@code in} (which leaves any frame bytes after
   * them unread), by {@code deadlineNanos} ({@link System#nanoTime()}).
   */
  public static Answer read(InputStream in, Socket socket, long deadlineNanos, long timeoutMillis) throws IOException {
    try {
      return parse(HeadReader.read(in, socket, deadlineNanos, MAX_ANSWER_BYTES, true));
    } catch (HeadReader.Incomplete e) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.writeBytes(e.soFar());
      throw switch (e.stop()) {
        case TIMED_OUT -> timedOut(head, timeoutMillis);
        case CLOSED -> new EOFException(head.size() == 0
            ? "the server closed the connection without answering the upgrade"
            : "the server closed the connection in the middle of its upgrade answer (after " + head.size()
                + " bytes: " + quote(head) + ")");
        case NOT_HTTP -> notHttp(head, in);
        case TOO_LONG -> new IOException("the server's upgrade answer has no end: more than "
            + Sizes.bytes(MAX_ANSWER_BYTES) + " of status line and headers (" + quote(head) + ")");
      };
    }
  }

  /** Checks a 101 answer as RFC 6455 §4.1 asks; throws naming what is wrong. */
  public void check(Answer answer, ClientOptions options) throws IOException {
    if (answer.status() != 101) {
      String type = answer.header("content-type").replaceAll(";.*", "").trim();
      String status = answer.statusLine().replaceFirst("^HTTP/\\S+ ", "HTTP ");
      String what = answer.status() >= 400 ? status : "HTTP " + answer.status() + (type.isEmpty() ? "" : " " + type);
      throw new Refused("the upgrade was refused: " + status + (type.isEmpty() ? "" : " (" + type + ")"), what,
          answer.status());
    }
    if (!answer.header("upgrade").equalsIgnoreCase("websocket")) {
      throw new IOException("the 101 answer lacks \"Upgrade: websocket\" (RFC 6455 §4.1): "
          + quote(answer.header("upgrade")));
    }
    String expected = accept(key);
    if (!answer.header("sec-websocket-accept").equals(expected)) {
      throw new IOException("the 101 answer's Sec-WebSocket-Accept is wrong (RFC 6455 §4.1): got "
          + quote(answer.header("sec-websocket-accept")) + ", expected \"" + expected + "\"");
    }
    String protocol = answer.header("sec-websocket-protocol");
    if (!protocol.isEmpty() && !options.subprotocols().contains(protocol)) {
      throw new IOException("the server chose the subprotocol \"" + protocol + "\", which the client did not offer"
          + (options.subprotocols().isEmpty() ? "" : " (offered: " + options.subprotocols() + ")"));
    }
    String extensions = answer.header("sec-websocket-extensions");
    if (!extensions.isEmpty()) {
      throw new IOException("the server turned on the extension \"" + extensions + "\", which the client did not offer");
    }
  }

  static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Answer parse(java.util.List<String> lines) throws IOException {
    String status = lines.get(0);
    String[] parts = status.split(" ", 3);
    int code;
    try {
      code = Integer.parseInt(parts.length > 1 ? parts[1] : "");
    } catch (NumberFormatException e) {
      throw new Refused("the server answered the upgrade with a broken status line: \"" + status + "\"",
          "a broken HTTP status line (\"" + status + "\")", 0);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      Map.Entry<String, String> field = HeadReader.field(line);
      if (field != null) {
        headers.merge(field.getKey().toLowerCase(Locale.ROOT), field.getValue(), (a, b) -> a + ", " + b);
      }
    }
    return new Answer(status, code, headers);
  }

  private static IOException timedOut(ByteArrayOutputStream head, long timeoutMillis) {
    return new IOException(head.size() == 0 ? "no handshake within " + timeoutMillis + " ms (the server sent nothing)"
        : "no complete upgrade answer within " + timeoutMillis + " ms (" + head.size() + " bytes so far: "
            + quote(head) + ")");
  }

  private static Refused notHttp(ByteArrayOutputStream head, InputStream in) throws IOException {
    byte[] more = new byte[Math.max(0, Math.min(in.available(), 40 - head.size()))];
    int n = in.read(more);
    head.write(more, 0, Math.max(0, n));
    return new Refused("the server answered with bytes that are not HTTP (" + quote(head)
        + "), not a WebSocket upgrade", "bytes that are not HTTP (" + quote(head) + ")", 0);
  }

  private static String quote(ByteArrayOutputStream bytes) {
    return quote(bytes.toString(StandardCharsets.ISO_8859_1));
  }

  private static String quote(String text) {
    String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
    StringBuilder out = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      out.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : c < 0x20 || c >= 0x7f ? String.format("\\x%02x", (int) c)
          : String.valueOf(c));
    }
    return out.append('"').toString();
  }

  static String accept(String key) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JRE", e);
    }
  }
}

package closedloop;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** The client side of the RFC 6455 opening handshake: the request, and the check of the 101 response. */
final class Handshake {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_RESPONSE = 16_384;
  private final String acceptKey;
  final byte[] request;

  Handshake(URI uri) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    try {
      acceptKey = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    request = ("GET " + path + " HTTP/1.1\r\n"
        + "Host: " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Consumes the response head from {@code buf}; false while it is incomplete.
   * @throws IOException if the server refused the upgrade or answered with the wrong accept key
   */
  boolean read(ByteBuffer buf) throws IOException {
    int end = -1;
    for (int i = buf.position(); i + 3 < buf.limit(); i++) {
      if (buf.get(i) == '\r' && buf.get(i + 1) == '\n' && buf.get(i + 2) == '\r' && buf.get(i + 3) == '\n') {
        end = i + 4;
        break;
      }
    }
    if (end < 0) {
      if (buf.remaining() > MAX_RESPONSE) {
        throw new IOException("handshake response longer than 16 KiB");
      }
      return false;
    }
    String head = new String(buf.array(), buf.position(), end - buf.position(), StandardCharsets.ISO_8859_1);
    buf.position(end);
    String[] lines = head.split("\r\n");
    if (!lines[0].startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + lines[0]);
    }
    String accept = null;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
        accept = line.substring(colon + 1).trim();
      }
    }
    if (!acceptKey.equals(accept)) {
      throw new IOException("handshake: Sec-WebSocket-Accept is " + accept + ", expected " + acceptKey);
    }
    return true;
  }
}

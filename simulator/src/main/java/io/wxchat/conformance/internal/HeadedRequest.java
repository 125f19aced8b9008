package io.wxchat.conformance.internal;

import io.wxchat.session.internal.Upgrade;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * An {@code http} step with {@code headers}: the request is written on its own connection exactly as
 * the scenario gives it, because Java's HTTP client refuses to send {@code Connection} and
 * {@code Upgrade} (T2's upgrade to something other than websocket needs both). The answer's head is
 * read by {@link Upgrade#read}, bounded in bytes and time.
 */
final class HeadedRequest {
  /** The answer did not come by the deadline (the server is silent or trickles). */
  static final class Late extends IOException {
    private static final long serialVersionUID = 1L;

    Late(String message) {
      super(message);
    }
  }

  private HeadedRequest() {
  }

  /** Sends {@code method path} with {@code headers} (plus Host and, unless given, Connection: close). */
  static Upgrade.Answer send(URI target, SSLContext trust, String method, String path, Map<String, String> headers,
                             Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean secure = "wss".equalsIgnoreCase(target.getScheme());
    int port = target.getPort() > 0 ? target.getPort() : secure ? 443 : 80;
    try (Socket socket = secure ? secure(trust, target.getHost(), port, timeout) : new Socket()) {
      if (!secure) {
        socket.connect(new InetSocketAddress(target.getHost(), port), (int) timeout.toMillis());
      }
      StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
          .append("Host: ").append(target.getRawAuthority()).append("\r\n");
      headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      if (headers.keySet().stream().noneMatch("connection"::equalsIgnoreCase)) {
        request.append("Connection: close\r\n");
      }
      socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      try {
        return Upgrade.read(in, socket, deadline, timeout.toMillis());
      } catch (Upgrade.Refused notHttp) {
        throw notHttp;
      } catch (IOException e) {
        throw System.nanoTime() - deadline >= 0 ? new Late("no answer within " + timeout.toMillis() + " ms") : e;
      }
    }
  }

  private static Socket secure(SSLContext trust, String host, int port, Duration timeout) throws IOException {
    SSLContext context;
    try {
      context = trust != null ? trust : SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no TLS in this JRE: " + e.getMessage(), e);
    }
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
    return context.getSocketFactory().createSocket(plain, host, port, true);
  }
}

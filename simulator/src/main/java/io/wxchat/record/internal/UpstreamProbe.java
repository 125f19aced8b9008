package io.wxchat.record.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.SocketFactory;

/** Checks before recording that the upstream answers a WebSocket upgrade, so a typo fails at once. */
public final class UpstreamProbe {
  private UpstreamProbe() {
  }

  /** The reason the upstream cannot be reached at all. */
  public static final class Unreachable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  /** Throws {@link Unreachable} if nothing listens, an {@link IOException} if what listens is not WebSocket. */
  public static void check(URI upstream, SocketFactory sockets) throws IOException {
    int port = upstream.getPort() > 0 ? upstream.getPort() : "wss".equalsIgnoreCase(upstream.getScheme()) ? 443 : 80;
    try (Socket socket = sockets.createSocket()) {
      try {
        socket.connect(new InetSocketAddress(upstream.getHost(), port), 5_000);
      } catch (IOException e) {
        throw new Unreachable("cannot reach " + upstream + ": " + e.getMessage() + "; is the server running?");
      }
      socket.setSoTimeout(5_000);
      try {
        if (socket instanceof javax.net.ssl.SSLSocket tls) {
          tls.startHandshake();
        }
      } catch (javax.net.ssl.SSLException e) {
        throw new IOException("cannot speak TLS with " + upstream + ": " + e.getMessage()
            + "; if it is self-signed, trust it with --ca-cert cert.pem");
      }
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String path = upstream.getRawPath() == null || upstream.getRawPath().isEmpty() ? "/" : upstream.getRawPath();
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + upstream.getHost() + ":" + port
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
          + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      HttpHead answer;
      try {
        answer = HttpHead.read(socket.getInputStream(), socket, System.nanoTime() + 5_000_000_000L, "the upstream");
      } catch (IOException e) {
        throw new IOException(upstream + " is not a WebSocket server: " + e.getMessage()
            + " after an upgrade request; check the --upstream URL");
      }
      if (answer.status() != 101) {
        throw new IOException(upstream + " is not a WebSocket server: it answered \"" + answer.startLine()
            + "\" to an upgrade request; check the --upstream URL");
      }
      out.write(io.wxchat.session.internal.Frame.of(io.wxchat.session.internal.Frame.CLOSE, new byte[] {0x03, (byte) 0xe9},
          true).wire()); // 1001, going away: the probe is done
      out.flush();
    }
  }
}

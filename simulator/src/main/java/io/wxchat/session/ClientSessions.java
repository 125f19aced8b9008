package io.wxchat.session;

import io.wxchat.session.internal.RawSession;
import io.wxchat.session.internal.Upgrade;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Opens simulated mini-program connections, on the simulator's own bounded framing: whatever a
 * server sends, a client holds at most {@link #maxFrame()} of one frame, a bounded inbox and a
 * bounded transcript, and no read or write waits without a bound.
 */
public final class ClientSessions {
  /** The default frame limit: 16 times what the protocol allows (64 KiB, docs/PROTOCOL.md R2). */
  public static final long DEFAULT_MAX_FRAME = 1L << 20;
  private static volatile long maxFrame = DEFAULT_MAX_FRAME;

  private ClientSessions() {
  }

  /**
   * Connects {@code name} to {@code server} (its path replaced by the options' path), recording into
   * {@code transcript}; {@code tls} may be null for the JVM's default trust.
   */
  public static ClientSession open(URI server, String name, ClientOptions options, Transcript transcript,
                                   SSLContext tls) throws IOException, InterruptedException {
    URI uri = server.resolve(options.path());
    return RawSession.open(name, uri, options, transcript, tls, maxFrame);
  }

  /** The largest frame (or fragmented message) a client reads into memory; a larger one fails its case. */
  public static long maxFrame() {
    return maxFrame;
  }

  /** Sets {@link #maxFrame()} for the process (the CLI's {@code --max-frame}). */
  public static void maxFrame(long bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("--max-frame must be at least 1 KiB: " + bytes);
    }
    maxFrame = bytes;
  }

  /**
   * Tries one upgrade of {@code uri} and says why it is not a WebSocket server, if its answer shows
   * that: {@code answered HTTP 200 text/html, not a WebSocket upgrade}. Empty when it upgraded or
   * refused the upgrade (4xx, 5xx), and also when the probe could not tell (silence, a dropped
   * connection, TLS trouble): the cases then meet the same and report it themselves.
   */
  public static Optional<String> notWebSocket(URI uri, Duration within) throws InterruptedException {
    ClientOptions options = new ClientOptions(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
        : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), Map.of(), List.of(), false,
        within);
    try (ClientSession probe = RawSession.open("probe", uri, options, new Transcript(), null, maxFrame)) {
      probe.close(1000);
      return Optional.empty();
    } catch (Upgrade.Refused refused) {
      // 4xx and 5xx are a WebSocket server (or its proxy) refusing this client: the cases say so, and
      // fail; a page (200), a redirect or bytes that are not HTTP mean nothing here speaks WebSocket
      return refused.status() >= 400 ? Optional.empty()
          : Optional.of("answered " + refused.answered() + ", not a WebSocket upgrade");
    } catch (IOException inconclusive) {
      return Optional.empty();
    }
  }
}

package io.wxchat.session;

import io.wxchat.session.internal.LibrarySession;
import io.wxchat.session.internal.RawSession;
import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLContext;

/** Opens simulated mini-program connections. */
public final class ClientSessions {
  private ClientSessions() {
  }

  /**
   * Connects {@code name} to {@code server} (its path replaced by the options' path), recording into
   * {@code transcript}; {@code tls} may be null for the JVM's default trust.
   */
  public static ClientSession open(URI server, String name, ClientOptions options, Transcript transcript,
                                   SSLContext tls) throws IOException, InterruptedException {
    URI uri = server.resolve(options.path());
    return options.raw()
        ? RawSession.open(name, uri, options, transcript)
        : LibrarySession.open(name, uri, options, transcript, tls);
  }
}

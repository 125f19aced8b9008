package io.wxchat.server;

import io.wxchat.server.internal.ChatServer;
import io.wxchat.server.internal.OperatorResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat protocol of docs/PROTOCOL.md, runnable in-process for tests and as the simulator's
 * default target.
 *
 * <pre>{@code
 * try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start()) {
 *   URI uri = server.uri(); // ws://127.0.0.1:<free port>/
 *   server.say("你好，我是客服"); // the operator speaks: pushed to every client, online for good
 * }
 * }</pre>
 */
public final class ReferenceServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("io.wxchat.server");
  private static final long START_TIMEOUT_MILLIS = 10_000;
  private static final int STOP_TIMEOUT_MILLIS = 2_000;
  private static final long CONSOLE_RETRY_MILLIS = 250;

  private final ServerConfig config;
  private ChatServer server;
  private volatile boolean closed;
  private volatile Thread console;

  private ReferenceServer(ServerConfig config) {
    this.config = config;
  }

  /** A server with the defaults of {@link ServerConfig#builder()} changed by {@code configure}. */
  public static ReferenceServer create(Consumer<ServerConfig.Builder> configure) {
    ServerConfig.Builder builder = ServerConfig.builder();
    configure.accept(builder);
    return new ReferenceServer(builder.build());
  }

  public static ReferenceServer create(ServerConfig config) {
    return new ReferenceServer(config);
  }

  /** Binds the port and starts serving; returns once clients can connect. */
  public synchronized ReferenceServer start() {
    if (closed) {
      throw new IllegalStateException("server is closed; create a new one");
    }
    if (server != null) {
      throw new IllegalStateException("start() already called");
    }
    checkPortIsFree();
    ChatServer starting = new ChatServer(config);
    starting.start();
    try {
      starting.awaitStarted(START_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
    server = starting;
    return this;
  }

  /** The chat endpoint, e.g. {@code ws://127.0.0.1:3000/}; a wildcard host is given as loopback. */
  public URI uri() {
    return endpoint("/");
  }

  /** The operator channel with its token, e.g. {@code ws://127.0.0.1:3000/operator?token=T}. */
  public URI operatorUri() {
    String token = config.operatorToken().orElseThrow(() -> new IllegalStateException(
        "the operator channel is off: configure operatorToken(...) first"));
    return endpoint("/operator?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  public int port() {
    return running().getPort();
  }

  public ServerConfig config() {
    return config;
  }

  /**
   * The operator speaks: {@code line} (trimmed) goes to every connected client and the server is
   * online from now on.
   *
   * @return how many clients it was sent to
   */
  public int say(String line) {
    OperatorResult result = running().operatorSays(line, "api");
    if (!result.accepted()) {
      throw config.mode() == Mode.ECHO
          ? new IllegalStateException(result.reason())
          : new IllegalArgumentException(result.reason());
    }
    return result.delivered();
  }

  /**
   * Reads operator lines from {@code console} (e.g. {@code System.in}) on a daemon thread. End of
   * input does not stop the server, nor the reader: a FIFO gets a new writer after the last one closed
   * it ({@code echo line > fifo}, again), so the reader looks for more input every
   * {@value #CONSOLE_RETRY_MILLIS} ms. {@link #close()} ends the reader.
   */
  public ReferenceServer readOperatorLines(InputStream input) {
    ChatServer target = running();
    Thread reader = new Thread(() -> {
      boolean told = false;
      try {
        while (true) {
          BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (closed) {
              return; // a line typed after close() goes nowhere; the reader ends
            }
            target.operatorLineFromConsole(line);
          }
          if (!told) {
            log.info("operator console: end of input; the server keeps running and reads lines written later"
                + (config.operatorToken().isPresent() ? " (the operator channel still works)" : ""));
            told = true;
          }
          Thread.sleep(CONSOLE_RETRY_MILLIS);
        }
      } catch (IOException e) {
        log.warn("operator console stopped: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "wxchat-operator-console");
    reader.setDaemon(true);
    console = reader;
    reader.start();
    return this;
  }

  /** Whether the operator has spoken (rule O6). */
  public boolean online() {
    return running().online();
  }

  /** Open chat connections (the operator channel not counted). */
  public int connectedClients() {
    return running().chatClients();
  }

  /** Frames the lost-write-demand workaround had to send on their way (a diagnostic). */
  public long rearmedWrites() {
    return running().rearmedWrites();
  }

  /** Failed {@code accept()} calls the listener survived (too many open files): a diagnostic. */
  public long acceptFailures() {
    return running().acceptFailures();
  }

  /** Closes every client with 1001 and frees the port; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread reader = console;
    if (reader != null) {
      reader.interrupt(); // ends its wait for more input; a blocked read ends with the next line
    }
    if (server != null) {
      try {
        server.shutdown(STOP_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized ChatServer running() {
    if (closed) {
      throw new IllegalStateException("server is closed");
    }
    if (server == null) {
      throw new IllegalStateException("call start() first");
    }
    return server;
  }

  private URI endpoint(String pathAndQuery) {
    String scheme = config.tls().isPresent() ? "wss" : "ws";
    String host = config.host();
    try {
      if (InetAddress.getByName(host).isAnyLocalAddress()) {
        host = "127.0.0.1";
      }
    } catch (IOException unresolvable) {
      // keep the name as configured
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create(scheme + "://" + host + ":" + port() + pathAndQuery);
  }

  // Java-WebSocket reports a failed bind only as a logged stack trace; probing first gives a clear error.
  private void checkPortIsFree() {
    if (config.port() == 0) {
      return;
    }
    // a bound socket that does not listen: a listening probe would, for the instant it exists, take a
    // connection into its backlog and reset it on close (a client that polls the port for readiness,
    // as a test harness does, saw "Connection reset" on its first connect about once in 150 launches)
    try (Socket probe = new Socket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(config.host(), config.port()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": "
          + e.getMessage() + "; stop the process that holds the port or choose another with --port", e);
    }
  }
}

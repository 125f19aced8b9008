package io.wxchat.targets;

import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import io.wxchat.session.ClientSessions;
import io.wxchat.targets.internal.ChannelDriver;
import io.wxchat.targets.internal.LaunchedProcess;
import io.wxchat.targets.internal.StdinDriver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A server the simulator launches from a command ({@code node server.js}), waits for, drives through
 * its stdin, watches for crashes and restarts when a case needs it fresh.
 *
 * <p>With a fixed port the command runs once at a time: cases that need a fresh server run one after
 * another, each on a restarted process. With port 0 the simulator picks a free port for every
 * instance and passes it as {@code {port}} in the command and as {@code $PORT}, so fresh cases get
 * their own process and run in parallel.
 */
public final class LaunchedTarget implements Target {
  private static final Duration READY = Duration.ofSeconds(30);
  // starting a server is a burst of CPU (a JVM's start takes a core for a second or more): one launch
  // per core at a time, so the cases already running keep their share of the machine
  private final java.util.concurrent.Semaphore launching =
      new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

  private final String command;
  private final Path dir;
  private final int port;
  private final OperatorMode operatorMode;
  private final String operatorToken;
  private final String name;
  private LaunchedProcess shared;
  private boolean sharedOperated;

  public LaunchedTarget(String command, Path dir, int port, OperatorMode operatorMode, String operatorToken,
                        String name) {
    this.command = command;
    this.dir = dir;
    this.port = port;
    this.operatorMode = operatorMode;
    this.operatorToken = operatorToken;
    // the name is also the report folder, and failure messages point into it
    this.name = (name != null ? name : defaultName(command)).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String describe() {
    return command + (dir == null ? "" : " (in " + dir + ")") + (port == 0 ? " on free ports" : " on port " + port);
  }

  @Override
  public synchronized void start() throws IOException, InterruptedException {
    shared = launch();
    // a port that accepts is not yet a WebSocket server: one upgrade tells a web page or a wrong port
    URI uri = URI.create("ws://127.0.0.1:" + shared.port() + "/");
    Optional<String> notWebSocket = ClientSessions.notWebSocket(uri, Duration.ofSeconds(5));
    if (notWebSocket.isPresent()) {
      close();
      throw new TargetUnreachableException("\"" + command + "\": " + uri + " " + notWebSocket.get());
    }
  }

  @Override
  public boolean spawnsFresh() {
    return port == 0;
  }

  @Override
  public Optional<String> cannotRun(Scenario scenario) {
    if (scenario.needs(Requirement.OPERATOR) && operatorMode == OperatorMode.NONE) {
      return Optional.of("needs an operator driver: run with --operator stdin (the server's console is its stdin)");
    }
    return Optional.empty();
  }

  @Override
  public Lease lease(Scenario scenario) throws IOException, InterruptedException {
    boolean fresh = scenario.needs(Requirement.FRESH) || scenario.needs(Requirement.OPERATOR);
    return lease(fresh, fresh && spawnsFresh(), false);
  }

  /** A process started for this case: its own on free ports, else the shared one restarted (nothing else runs then). */
  @Override
  public boolean startsAlone() {
    return true;
  }

  @Override
  public Lease leaseAlone(Scenario scenario) throws IOException, InterruptedException {
    return lease(true, spawnsFresh(), true);
  }

  private Lease lease(boolean fresh, boolean own, boolean restart) throws IOException, InterruptedException {
    LaunchedProcess process;
    if (own) {
      process = launch();
    } else {
      synchronized (this) {
        if (shared == null || !shared.alive() || (fresh && sharedOperated) || restart) {
          if (shared != null) {
            shared.close();
          }
          shared = launch();
          sharedOperated = false;
        }
        process = shared;
      }
    }
    long mark = process.logMark();
    return new Lease() {
      @Override
      public URI uri() {
        return URI.create("ws://127.0.0.1:" + process.port() + "/");
      }

      @Override
      public Optional<OperatorDriver> operator() {
        return switch (operatorMode) {
          case STDIN -> Optional.of(new StdinDriver(process.stdin(), process.command()));
          case CHANNEL -> Optional.of(new ChannelDriver(URI.create("ws://127.0.0.1:" + process.port()
              + "/operator?token=" + URLEncoder.encode(String.valueOf(operatorToken), StandardCharsets.UTF_8))));
          case NONE -> Optional.empty();
        };
      }

      @Override
      public void markOperated() {
        if (!own) {
          synchronized (LaunchedTarget.this) {
            sharedOperated = true;
          }
        }
      }

      @Override
      public String log() {
        return process.logSince(mark);
      }

      @Override
      public Optional<String> crash() {
        return process.exit();
      }

      @Override
      public Optional<String> crash(Duration grace) throws InterruptedException {
        process.awaitExit(grace);
        return process.exit();
      }

      @Override
      public java.util.OptionalLong crashNanos() {
        return process.exitNanos();
      }

      @Override
      public Object instance() {
        return process;
      }

      @Override
      public void close() {
        if (own) {
          process.close();
        }
      }
    };
  }

  private LaunchedProcess launch() throws IOException, InterruptedException {
    launching.acquire();
    try {
      return LaunchedProcess.start(command, dir, port == 0 ? freePort() : port, READY);
    } finally {
      launching.release();
    }
  }

  // A launched command can only be told its port up front; the gap between probing and its bind is
  // the price (another process could take the port in between; the launch then fails clearly).
  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /**
   * The server's name as a person would say it: the script or jar the program runs ({@code server.js}
   * of {@code node server.js --port {port}}, {@code app.jar} of {@code java -jar app.jar}), else the
   * program ({@code my-server} of {@code ./my-server 3}); never an option, a number or a placeholder.
   */
  static String defaultName(String command) {
    String[] words = command.trim().split("\\s+");
    String name = words[0];
    for (int i = 1; i < words.length; i++) {
      String word = words[i].replaceAll("^['\"]|['\"]$", "");
      if (!word.startsWith("-") && !word.startsWith("$") && !word.contains("{") && !word.contains("=")
          && word.replaceAll(".*/", "").matches(".*[A-Za-z].*\\.[A-Za-z0-9]+")) {
        name = word;
        break;
      }
    }
    return name.replaceAll(".*/", "").replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @Override
  public synchronized void close() {
    if (shared != null) {
      shared.close();
      shared = null;
    }
  }
}

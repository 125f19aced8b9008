package io.wxchat.server.cli;

import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.server.ServerConfig;
import io.wxchat.server.TlsSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar reference-server.jar [--port 3000] [--host 127.0.0.1] [--mode operator|echo] ...}. */
@Command(name = "reference-server", mixinStandardHelpOptions = true, version = "wxchat reference server 0.1.0",
    sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "The wxchat chat protocol (docs/PROTOCOL.md), exact and minimal.",
        "Lines typed on stdin are operator lines (a pipe or FIFO works too; end of input does not stop the server).",
        "Prints one line 'wxchat reference server listening on ws://HOST:PORT/' on stdout when ready; logs go to stderr.",
        "SIGTERM or Ctrl-C closes clients with 1001 and exits 0 (within 5 s whatever the clients do)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:could not start (port in use, bad TLS files)", "2:bad arguments",
        "3:a fatal JVM error (out of memory): give it more heap (-Xmx) or lower --max-connections"})
public final class ServerCommand implements Callable<Integer> {
  /** The stop signal's bound: closing clients takes at most 2 s (ReferenceServer), the rest is margin. */
  private static final long SHUTDOWN_DEADLINE_MILLIS = 5_000;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(names = "--host", paramLabel = "HOST",
      description = "address to bind (default: ${DEFAULT-VALUE}); 0.0.0.0 serves a phone on the LAN")
  String host = "127.0.0.1";

  @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class,
      description = "operator (seed 002, default) or echo (seed 000)")
  Mode mode = Mode.OPERATOR;

  @Option(names = "--operator-token", paramLabel = "TOKEN",
      description = "turns on the operator channel ws://HOST:PORT/operator?token=TOKEN (off without it)")
  String operatorToken;

  @Option(names = "--max-message-bytes", paramLabel = "BYTES",
      description = "largest client message; larger ones close with 1009 (default: ${DEFAULT-VALUE})")
  int maxMessageBytes = ServerConfig.DEFAULT_MAX_MESSAGE_BYTES;

  @Option(names = "--max-connections", paramLabel = "N",
      description = "open connections before handshakes get HTTP 503 (default: ${DEFAULT-VALUE})")
  int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;

  @Option(names = "--handshake-timeout-ms", paramLabel = "MS",
      description = "close connections that do not finish the upgrade in time (default: ${DEFAULT-VALUE})")
  int handshakeTimeoutMillis = ServerConfig.DEFAULT_HANDSHAKE_TIMEOUT_MILLIS;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "serve wss:// with this PEM certificate chain")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "the PKCS#8 PEM private key for --tls-cert")
  Path tlsKey;

  @Option(names = "--tls-keystore", paramLabel = "P12", description = "serve wss:// with this PKCS#12 keystore")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD", description = "the keystore's password")
  String tlsKeystorePassword = "";

  @Option(names = {"-v", "--verbose"}, description = "log every message (TRACE)")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "wxchat-server-logback.xml");
    }
    CommandLine cli = new CommandLine(new ServerCommand());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("reference-server: " + e.getMessage());
      return 1;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    if (verbose) {
      System.setProperty("wxchat.log.level", "TRACE");
    }
    FatalExit.install();
    ReferenceServer server = ReferenceServer.create(buildConfig()).start();
    server.readOperatorLines(System.in);
    CountDownLatch stopped = new CountDownLatch(1);
    ShutdownDeadline deadline = new ShutdownDeadline(SHUTDOWN_DEADLINE_MILLIS, 0);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      deadline.start();
      server.close();
      stopped.countDown();
      // SIGTERM is the normal way to stop a server: report success, not the JVM's 143.
      Runtime.getRuntime().halt(0);
    }, "wxchat-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("wxchat reference server listening on " + server.uri() + " (mode " + mode.id()
        + ", operator channel " + (operatorToken == null ? "off" : "on") + ")");
    out.flush();
    stopped.await();
    return 0;
  }

  private ServerConfig buildConfig() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--tls-cert and --tls-key go together: give both, or use --tls-keystore");
    }
    if (tlsCert != null && tlsKeystore != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give either --tls-cert/--tls-key or --tls-keystore, not both");
    }
    requireFile("--tls-cert", tlsCert);
    requireFile("--tls-key", tlsKey);
    requireFile("--tls-keystore", tlsKeystore);
    try {
      return ServerConfig.builder()
          .host(host)
          .port(port)
          .mode(mode)
          .operatorToken(operatorToken)
          .maxMessageBytes(maxMessageBytes)
          .maxConnections(maxConnections)
          .handshakeTimeoutMillis(handshakeTimeoutMillis)
          .tls(tlsKeystore != null ? TlsSettings.keystore(tlsKeystore, tlsKeystorePassword)
              : tlsCert != null ? TlsSettings.pem(tlsCert, tlsKey) : null)
          .build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private void requireFile(String option, Path file) {
    if (file != null && !java.nio.file.Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": no such file: " + file
          + (java.nio.file.Files.isDirectory(file) ? " (a folder; give the file)" : ""));
    }
  }

  /** Lets picocli name the valid modes in its error. */
  static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      try {
        return Mode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}

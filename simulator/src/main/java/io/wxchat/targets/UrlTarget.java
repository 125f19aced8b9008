package io.wxchat.targets;

import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import io.wxchat.session.ClientSessions;
import io.wxchat.targets.internal.ChannelDriver;
import io.wxchat.targets.internal.FixedLease;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server the simulator only reaches by URL: it cannot be restarted, so once a case has made it
 * online no later case can have a fresh one. Its operator can be driven only through a reference-style
 * operator channel ({@code --operator channel --operator-token T}).
 */
public final class UrlTarget implements Target {
  private static final Duration PROBE = Duration.ofSeconds(5);
  private final URI uri;
  private final String operatorToken;
  private final AtomicBoolean operated = new AtomicBoolean();

  /** {@code operatorToken} null: no operator driver. */
  public UrlTarget(URI uri, String operatorToken) {
    this.uri = uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
    this.operatorToken = operatorToken;
  }

  @Override
  public String name() {
    return (uri.getHost() + "-" + port()).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @Override
  public String describe() {
    return uri.toString();
  }

  @Override
  public void start() throws IOException, InterruptedException {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(uri.getHost(), port()), 5_000);
    } catch (IOException e) {
      throw new TargetUnreachableException("cannot reach " + uri + ": " + e.getMessage()
          + " (is the server running? is the URL right?)", e);
    }
    Optional<String> notWebSocket = ClientSessions.notWebSocket(uri, PROBE);
    if (notWebSocket.isPresent()) {
      throw new TargetUnreachableException(uri + " " + notWebSocket.get());
    }
  }

  @Override
  public boolean spawnsFresh() {
    return false;
  }

  @Override
  public Optional<String> cannotRun(Scenario scenario) {
    if (scenario.needs(Requirement.OPERATOR) && operatorToken == null) {
      return Optional.of("needs an operator driver; a URL target has none unless it offers the reference"
          + " operator channel (--operator channel --operator-token T), or use --server-cmd with --operator stdin");
    }
    if (scenario.needs(Requirement.FRESH) && operated.get()) {
      return Optional.of("needs a fresh (offline) server, but an earlier case made this one online and a URL"
          + " target cannot be restarted: use --server-cmd so the simulator can restart it");
    }
    return Optional.empty();
  }

  @Override
  public Lease lease(Scenario scenario) {
    OperatorDriver driver = operatorToken == null ? null : new ChannelDriver(
        uri.resolve("/operator?token=" + URLEncoder.encode(operatorToken, StandardCharsets.UTF_8)));
    return new FixedLease(uri, driver, () -> operated.set(true), () -> { });
  }

  private int port() {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public void close() {
    // not ours to stop
  }
}

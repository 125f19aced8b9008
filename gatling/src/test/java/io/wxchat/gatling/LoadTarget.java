package io.wxchat.gatling;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.wxchat.scenario.Profile;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.targets.OperatorDriver;
import io.wxchat.targets.UrlTarget;
import io.wxchat.targets.internal.ChannelDriver;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The server under load: {@code -Dtarget}, checked reachable; or {@code -DserverCmd}, launched for the
 * run with its stdin as the operator ({@link LaunchedServer}); or else the embedded reference server
 * started for the run. {@code try (LoadTarget target = LoadTarget.fromProperties()) { target.protocol(); }}
 */
final class LoadTarget implements AutoCloseable {
  /** Frames that arrive while no check waits are kept for silence and push checks (per socket). */
  static final int UNMATCHED_BUFFER = 256;

  private final URI uri;
  private final URI operatorChannel;
  private final AutoCloseable server;
  private final LaunchedServer launched;
  private final Profile profile;

  private LoadTarget(URI uri, URI operatorChannel, AutoCloseable server, LaunchedServer launched, Profile profile) {
    this.uri = uri;
    this.operatorChannel = operatorChannel;
    this.server = server;
    this.launched = launched;
    this.profile = profile;
  }

  /**
   * Reads {@code -Dtarget} or {@code -DserverCmd} (with {@code -DserverDir}, {@code -DserverPort},
   * {@code -Doperator}), {@code -Dprofile} and {@code -DoperatorToken}; fails before any user starts.
   */
  static LoadTarget fromProperties() throws IOException, InterruptedException {
    Profile profile = LoadSettings.profile();
    Optional<URI> url = LoadSettings.target();
    Optional<String> command = LoadSettings.serverCommand();
    if (url.isPresent() && command.isPresent()) {
      throw new IllegalArgumentException("-Dtarget and -DserverCmd both name a server; give one of them"
          + " (-Dtarget for a running server, -DserverCmd to launch one for the run)");
    }
    if (command.isEmpty() && (LoadSettings.serverDir().isPresent() || LoadSettings.serverPort() != 0)) {
      throw new IllegalArgumentException("-DserverDir and -DserverPort go with -DserverCmd");
    }
    if (command.isEmpty() && LoadSettings.operator().isPresent()) {
      throw new IllegalArgumentException("-Doperator goes with -DserverCmd (-Doperator=stdin: the launched server's"
          + " stdin is the operator); a -Dtarget server's operator is its channel, given by -DoperatorToken=T");
    }
    if (command.isPresent()) {
      LaunchedServer started = LaunchedServer.start(command.get(), profile);
      return new LoadTarget(started.uri(), started.channel().orElse(null), started, started, profile);
    }
    if (url.isEmpty()) {
      String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
      ReferenceServer server = ReferenceServer.create(cfg -> cfg
          .mode(profile == Profile.ECHO ? Mode.ECHO : Mode.OPERATOR).operatorToken(token)).start();
      Abort.closeOnExit(server);
      return new LoadTarget(server.uri(), profile == Profile.ECHO ? null : server.operatorUri(), server, null, profile);
    }
    URI uri = url.get();
    new UrlTarget(uri, null).start(); // one reachability probe, the CLI's: "cannot reach ... (is the server running?)"
    URI channel = LoadSettings.operatorToken()
        .map(t -> uri.resolve("/operator?token=" + URLEncoder.encode(t, StandardCharsets.UTF_8))).orElse(null);
    return new LoadTarget(uri, channel, null, null, profile);
  }

  URI uri() {
    return uri;
  }

  Profile profile() {
    return profile;
  }

  String describe() {
    if (launched != null) {
      return launched.describe() + " (" + profile.id() + ")";
    }
    return server != null ? "embedded reference server " + uri + " (" + profile.id() + ")" : uri + " (" + profile.id() + ")";
  }

  /** Whether the operator speaks over a reference-style channel (else it types on a launched server's stdin). */
  boolean operatorOnChannel() {
    return operatorChannel != null;
  }

  /** The operator channel (path and query, relative to the base URL); a run that needs it and has none stops. */
  String operatorPath() {
    if (operatorChannel == null) {
      throw new IllegalArgumentException(noOperator());
    }
    return operatorChannel.getRawPath() + "?" + operatorChannel.getRawQuery();
  }

  /** The simulator's own operator driver: the launched server's stdin, else the channel. */
  OperatorDriver operator() {
    if (launched != null && launched.console().isPresent()) {
      return launched.console().get();
    }
    if (operatorChannel == null) {
      throw new IllegalArgumentException(noOperator());
    }
    return new ChannelDriver(operatorChannel);
  }

  private String noOperator() {
    if (launched != null) {
      return "this run needs the operator: launch the server with -Doperator=stdin (its stdin is the console),"
          + " or -Doperator=channel -DoperatorToken=T for a reference-style operator channel";
    }
    return "this run needs the operator: a -Dtarget server needs -DoperatorToken=T for its reference-style operator"
        + " channel (/operator?token=T), or launch the server with -DserverCmd=\"...\" so that its stdin is the operator";
  }

  /** The Gatling protocol: the base URL, {@code -DlocalAddresses}, no warm-up, buffered unmatched frames. */
  HttpProtocolBuilder protocol() {
    HttpProtocolBuilder protocol = http.wsBaseUrl(uri.getScheme() + "://" + uri.getRawAuthority())
        .wsUnmatchedInboundMessageBufferSize(UNMATCHED_BUFFER)
        .disableWarmUp();
    List<String> addresses = LoadSettings.localAddresses();
    return addresses.isEmpty() ? protocol : protocol.localAddresses(addresses);
  }

  /** Stops the server this run started, if any; says so if a launched server died during the run. */
  @Override
  public void close() {
    if (launched != null) {
      launched.reportCrash();
    }
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("wxchat-gatling: could not stop " + describe() + ": " + e);
      }
    }
  }
}

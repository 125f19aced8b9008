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
 * The server under load: {@code -Dtarget}, checked reachable, or else the embedded reference server
 * started for the run. {@code try (LoadTarget target = LoadTarget.fromProperties()) { target.protocol(); }}
 */
final class LoadTarget implements AutoCloseable {
  /** Frames that arrive while no check waits are kept for silence and push checks (per socket). */
  static final int UNMATCHED_BUFFER = 256;

  private final URI uri;
  private final URI operatorChannel;
  private final ReferenceServer embedded;
  private final Profile profile;

  private LoadTarget(URI uri, URI operatorChannel, ReferenceServer embedded, Profile profile) {
    this.uri = uri;
    this.operatorChannel = operatorChannel;
    this.embedded = embedded;
    this.profile = profile;
  }

  /** Reads {@code -Dtarget}, {@code -Dprofile} and {@code -DoperatorToken}; fails before any user starts. */
  static LoadTarget fromProperties() throws IOException, InterruptedException {
    Profile profile = LoadSettings.profile();
    Optional<URI> url = LoadSettings.target();
    if (url.isEmpty()) {
      String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
      ReferenceServer server = ReferenceServer.create(cfg -> cfg
          .mode(profile == Profile.ECHO ? Mode.ECHO : Mode.OPERATOR).operatorToken(token)).start();
      return new LoadTarget(server.uri(), profile == Profile.ECHO ? null : server.operatorUri(), server, profile);
    }
    URI uri = url.get();
    new UrlTarget(uri, null).start(); // one reachability probe, the CLI's: "cannot reach ... (is the server running?)"
    URI channel = LoadSettings.operatorToken()
        .map(t -> uri.resolve("/operator?token=" + URLEncoder.encode(t, StandardCharsets.UTF_8))).orElse(null);
    return new LoadTarget(uri, channel, null, profile);
  }

  URI uri() {
    return uri;
  }

  Profile profile() {
    return profile;
  }

  String describe() {
    return embedded != null ? "embedded reference server " + uri + " (" + profile.id() + ")" : uri + " (" + profile.id() + ")";
  }

  /** The operator channel (path and query, relative to the base URL); a run that needs it and has none stops. */
  String operatorPath() {
    if (operatorChannel == null) {
      throw new IllegalArgumentException("this run needs the operator: a -Dtarget server needs"
          + " -DoperatorToken=T for its reference-style operator channel (/operator?token=T)");
    }
    return operatorChannel.getRawPath() + "?" + operatorChannel.getRawQuery();
  }

  /** The simulator's own driver of the operator channel, for scenario files' operator steps. */
  OperatorDriver operator() {
    operatorPath();
    return new ChannelDriver(operatorChannel);
  }

  /** The Gatling protocol: the base URL, {@code -DlocalAddresses}, no warm-up, buffered unmatched frames. */
  HttpProtocolBuilder protocol() {
    HttpProtocolBuilder protocol = http.wsBaseUrl(uri.getScheme() + "://" + uri.getRawAuthority())
        .wsUnmatchedInboundMessageBufferSize(UNMATCHED_BUFFER)
        .disableWarmUp();
    List<String> addresses = LoadSettings.localAddresses();
    return addresses.isEmpty() ? protocol : protocol.localAddresses(addresses);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}

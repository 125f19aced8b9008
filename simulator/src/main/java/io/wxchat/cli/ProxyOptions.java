package io.wxchat.cli;

import io.wxchat.record.ServerKeys;
import io.wxchat.record.WireProxy;
import io.wxchat.record.internal.UpstreamProbe;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.WireFault;
import io.wxchat.session.ClientTls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options {@code record} and {@code proxy} share: where to listen, TLS, faults, how long. */
final class ProxyOptions {
  @Option(names = "--listen", paramLabel = "[HOST:]PORT", required = true,
      description = "where the proxy listens, e.g. 3001 or 0.0.0.0:3001 (a phone on the LAN)")
  String listen;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "listen with TLS (wss://): the certificate chain")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "the certificate's unencrypted PKCS#8 key")
  Path tlsKey;

  @Option(names = "--ca-cert", paramLabel = "PEM", description = "trust this certificate (or CA) for a wss:// upstream")
  Path caCert;

  @Option(names = "--fault", paramLabel = "SPEC",
      description = "break the wire on purpose: latency=200ms, latency-to-server=, latency-to-client=, jitter=50ms,"
          + " bandwidth=1KB/s, slice=1, drop-after=10, reset-after=5s, half-open, blackhole-server-to-client,"
          + " blackhole-client-to-server (comma-separated)")
  String fault;

  @Option(names = "--duration", paramLabel = "D", description = "stop after this long (e.g. 30s, 5m); default: Ctrl-C")
  String duration;

  /** A configured, unstarted proxy; bad values are IllegalArgumentExceptions with one-line messages. */
  WireProxy proxy(URI upstream) {
    OptionFile.existing("--ca-cert", caCert);
    OptionFile.existing("--tls-cert", tlsCert);
    OptionFile.existing("--tls-key", tlsKey);
    String host = "127.0.0.1";
    String port = listen;
    int colon = listen.lastIndexOf(':');
    if (colon >= 0) {
      host = listen.substring(0, colon);
      port = listen.substring(colon + 1);
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 0 || number > 65_535) {
      throw new IllegalArgumentException("--listen must be a port or HOST:PORT like 3001 or 0.0.0.0:3001: " + listen);
    }
    WireProxy proxy = WireProxy.to(upstream).listen(host, number).fault(fault())
        .upstreamTrust(caCert == null ? null : ClientTls.trusting(caCert));
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    return tlsCert == null ? proxy : proxy.listenTls(ServerKeys.fromPem(tlsCert, tlsKey));
  }

  WireFault fault() {
    if (fault == null) {
      return WireFault.NONE;
    }
    try {
      return WireFault.parse(fault);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--fault " + fault + ": " + e.getMessage());
    }
  }

  Duration duration() {
    try {
      return duration == null ? null : ScenarioFiles.parseDuration(duration);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--duration: " + e.getMessage());
    }
  }

  static URI upstream(String text) {
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || !uri.getScheme().matches("wss?") || uri.getHost() == null) {
      throw new IllegalArgumentException("--upstream must be a ws:// or wss:// URL like ws://127.0.0.1:3000/: " + text);
    }
    return uri;
  }

  /** Checks the upstream and binds; returns the exit code to end with, or -1 when the proxy runs. */
  static int start(WireProxy proxy, java.io.PrintWriter err) {
    try {
      proxy.checkUpstream();
    } catch (UpstreamProbe.Unreachable e) {
      err.println("wxchat-sim: upstream unreachable: " + e.getMessage());
      return SimulatorCommand.UNREACHABLE;
    } catch (IOException e) {
      err.println("wxchat-sim: " + e.getMessage());
      return SimulatorCommand.USAGE;
    }
    try {
      proxy.start();
    } catch (IOException e) {
      err.println("wxchat-sim: " + e.getMessage());
      return SimulatorCommand.USAGE;
    }
    return -1;
  }
}

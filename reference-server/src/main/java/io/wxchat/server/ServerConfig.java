package io.wxchat.server;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of a {@link ReferenceServer}; build one with {@link #builder()}.
 *
 * <pre>{@code ServerConfig cfg = ServerConfig.builder().mode(Mode.ECHO).port(0).build();}</pre>
 */
public final class ServerConfig {
  /** The port the seed servers use. */
  public static final int DEFAULT_PORT = 3000;
  /** Largest text message accepted before closing with 1009. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
  /** Open connections (chat and operator) before handshakes get HTTP 503. */
  public static final int DEFAULT_MAX_CONNECTIONS = 15_000;
  /** How long a TCP connection may take to finish its WebSocket handshake. */
  public static final int DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private final String host;
  private final int port;
  private final Mode mode;
  private final String operatorToken;
  private final int maxMessageBytes;
  private final int maxConnections;
  private final int handshakeTimeoutMillis;
  private final TlsSettings tls;
  private final Clock clock;

  private ServerConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.mode = b.mode;
    this.operatorToken = b.operatorToken;
    this.maxMessageBytes = b.maxMessageBytes;
    this.maxConnections = b.maxConnections;
    this.handshakeTimeoutMillis = b.handshakeTimeoutMillis;
    this.tls = b.tls;
    this.clock = b.clock;
  }

  /** Defaults: loopback, port 0 (any free port), operator mode, no operator channel, no TLS. */
  public static Builder builder() {
    return new Builder();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Mode mode() {
    return mode;
  }

  /** The operator channel's token; empty means the channel is off. */
  public Optional<String> operatorToken() {
    return Optional.ofNullable(operatorToken);
  }

  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  public int maxConnections() {
    return maxConnections;
  }

  public int handshakeTimeoutMillis() {
    return handshakeTimeoutMillis;
  }

  public Optional<TlsSettings> tls() {
    return Optional.ofNullable(tls);
  }

  /** The clock behind {@code date} and {@code timestamp}; its zone is the server's local time. */
  public Clock clock() {
    return clock;
  }

  /** Collects settings; every setter checks its value and names the allowed range. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private Mode mode = Mode.OPERATOR;
    private String operatorToken;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int handshakeTimeoutMillis = DEFAULT_HANDSHAKE_TIMEOUT_MILLIS;
    private TlsSettings tls;
    private Clock clock = Clock.systemDefaultZone();

    private Builder() {
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    public Builder port(int port) {
      this.port = require("port", port, 0, 65_535);
      return this;
    }

    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Turns the operator channel on; {@code null} turns it off. */
    public Builder operatorToken(String token) {
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("operator token must not be blank; omit it to turn the channel off");
      }
      this.operatorToken = token;
      return this;
    }

    public Builder maxMessageBytes(int bytes) {
      this.maxMessageBytes = require("max message bytes", bytes, 1, Integer.MAX_VALUE);
      return this;
    }

    public Builder maxConnections(int connections) {
      this.maxConnections = require("max connections", connections, 1, Integer.MAX_VALUE);
      return this;
    }

    public Builder handshakeTimeoutMillis(int millis) {
      this.handshakeTimeoutMillis = require("handshake timeout millis", millis, 1, Integer.MAX_VALUE);
      return this;
    }

    public Builder tls(TlsSettings tls) {
      this.tls = tls;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(this);
    }

    private static int require(String what, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "]: " + value);
      }
      return value;
    }
  }
}

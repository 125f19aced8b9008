package io.wxchat.junit;

import io.wxchat.junit.internal.QuietLogging;
import io.wxchat.server.ReferenceServer;
import io.wxchat.server.ServerConfig;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The reference server for the length of a test class (a {@code static} field) or of each test (an
 * instance field), on a free loopback port with an operator channel, like OkHttp's MockWebServer
 * extension. It lives until the dynamic tests of a {@code @TestFactory} have run, so it combines
 * with {@link ConformanceTests}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ReferenceServerExtension server = ReferenceServerExtension.create(cfg -> cfg.mode(Mode.OPERATOR));
 *
 * @TestFactory
 * Stream<DynamicTest> the_reference_server_speaks_the_protocol() {
 *   return ConformanceTests.against(server.uri(), server.operatorToken()).stream();
 * }
 * }</pre>
 */
public final class ReferenceServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    AfterAllCallback {
  private final Consumer<ServerConfig.Builder> configure;
  private ReferenceServer server;
  private boolean perClass;

  private ReferenceServerExtension(Consumer<ServerConfig.Builder> configure) {
    QuietLogging.unlessBound();
    this.configure = configure;
  }

  /** A server configured by {@code configure} over the defaults (port 0, a random operator token). */
  public static ReferenceServerExtension create(Consumer<ServerConfig.Builder> configure) {
    return new ReferenceServerExtension(configure);
  }

  /** The server (started by JUnit before the tests that use it). */
  public ReferenceServer server() {
    if (server == null) {
      throw new IllegalStateException("the server starts before each test: register the extension with"
          + " @RegisterExtension and use it inside a test, not in a field initializer");
    }
    return server;
  }

  public URI uri() {
    return server().uri();
  }

  /** The operator channel's token, for {@code ConformanceTests.against(uri(), operatorToken())}. */
  public String operatorToken() {
    return server().config().operatorToken().orElseThrow(
        () -> new IllegalStateException("the operator token was set to null in create(...); leave it unset"));
  }

  /** Speaks as the operator: pushed to every client; auto-replies stop for good. */
  public int say(String line) {
    return server().say(line);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void start() {
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    server = ReferenceServer.create(cfg -> {
      cfg.port(0).operatorToken(token);
      configure.accept(cfg);
    }).start();
  }

  private void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}

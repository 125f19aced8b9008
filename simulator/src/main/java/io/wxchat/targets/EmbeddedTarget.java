package io.wxchat.targets;

import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.targets.internal.ChannelDriver;
import io.wxchat.targets.internal.FixedLease;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The reference server, in-process on a free loopback port: the default target. Cases that need a
 * fresh server get their own instance, so everything runs in parallel. The operator is driven over
 * the wire (the operator channel), like any other server's.
 */
public final class EmbeddedTarget implements Target {
  private final Profile profile;
  private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
  private ReferenceServer shared;

  public EmbeddedTarget(Profile profile) {
    this.profile = profile;
  }

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public String describe() {
    return "embedded reference server (" + profile.id() + " profile)";
  }

  @Override
  public void start() {
    shared = startServer();
  }

  @Override
  public boolean spawnsFresh() {
    return true;
  }

  @Override
  public Optional<String> cannotRun(Scenario scenario) {
    return Optional.empty();
  }

  @Override
  public Lease lease(Scenario scenario) {
    return lease(scenario, scenario.needs(Requirement.FRESH) || scenario.needs(Requirement.OPERATOR));
  }

  @Override
  public boolean startsAlone() {
    return true;
  }

  @Override
  public Lease leaseAlone(Scenario scenario) {
    return lease(scenario, true);
  }

  private Lease lease(Scenario scenario, boolean fresh) {
    ReferenceServer server = fresh ? startServer() : shared;
    return new FixedLease(server.uri(),
        profile == Profile.OPERATOR ? new ChannelDriver(server.operatorUri()) : null,
        () -> {
          if (!fresh) {
            throw new IllegalStateException(scenario.id() + " drives the operator but does not require a fresh server");
          }
        },
        () -> {
          if (fresh) {
            server.close();
          }
        });
  }

  private ReferenceServer startServer() {
    return ReferenceServer.create(cfg -> cfg
        .mode(profile == Profile.ECHO ? Mode.ECHO : Mode.OPERATOR)
        .operatorToken(token)).start();
  }

  @Override
  public void close() {
    if (shared != null) {
      shared.close();
    }
  }
}

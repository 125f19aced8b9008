package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Ramps to {@code -Dusers} idle connections over {@code -Dramp}, holds each for {@code -Dduration},
 * then greets on every one and checks the reply: finds how many mini-programs a server keeps.
 * Past ~28k connections on one machine add source addresses: {@code -DlocalAddresses=127.0.0.2,127.0.0.3}.
 */
public final class ConnectionSoakSimulation extends Simulation {
  static final String CONNECT = "load.soak connect mp";
  static final String REPLY = "load.soak expect mp";
  private final LoadTarget target = Abort.unless(LoadTarget::fromProperties);

  {
    int users = Abort.unless(() -> LoadSettings.users(1000));
    Duration ramp = Abort.unless(() -> LoadSettings.ramp(Duration.ofSeconds(30)));
    Duration hold = Abort.unless(() -> LoadSettings.duration(Duration.ofSeconds(30)));
    ScenarioChain soak = Abort.unless(() -> ScenarioChain.of(Chat.idle(target.profile(), hold), target::operator));
    setUp(scenario("soak").exec(soak.chain()).injectOpen(rampUsers(users).during(ramp)))
        .protocols(target.protocol())
        .assertions(
            details(CONNECT).failedRequests().count().is(0L),
            details(REPLY).failedRequests().count().is(0L),
            details(REPLY).successfulRequests().count().is((long) users));
  }

  @Override
  public void after() {
    target.close();
  }
}

package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mini-programs connect, greet, check the reply (content and date format), chat with think times and
 * close: {@code -Dusers=500 -Dramp=30s -Dmessages=5 -Dthink=1s}, {@code -Dmodel=closed -Dduration=60s}
 * keeps {@code users} conversations going at once. Fails when a reply's p95/p99 passes
 * {@code -Dp95}/{@code -Dp99}, any reply passes {@code -Dmax} (if given), or a reply is missing or wrong.
 */
public final class ChatLoadSimulation extends Simulation {
  static final String REPLY = "load.chat expect mp";
  private final LoadTarget target = Abort.unless(LoadTarget::fromProperties);

  {
    int users = Abort.unless(() -> LoadSettings.users(10));
    Duration ramp = Abort.unless(() -> LoadSettings.ramp(Duration.ofSeconds(10)));
    Duration duration = Abort.unless(() -> LoadSettings.duration(Duration.ofSeconds(30)));
    int messages = Abort.unless(() -> LoadSettings.count("messages", 3));
    Duration think = Abort.unless(() -> LoadSettings.duration("think", Duration.ofSeconds(1)));
    Duration p95 = Abort.unless(() -> LoadSettings.duration("p95", Duration.ofMillis(500)));
    Duration p99 = Abort.unless(() -> LoadSettings.duration("p99", Duration.ofMillis(1000)));
    Optional<Duration> max = Abort.unless(() -> LoadSettings.optionalDuration("max"));
    String model = System.getProperty("model", "open");
    Abort.unless(() -> {
      if (!model.equals("open") && !model.equals("closed")) {
        throw new IllegalArgumentException("-Dmodel must be open or closed: " + model);
      }
      return model;
    });
    ScenarioChain chat = Abort.unless(() -> ScenarioChain.of(Chat.conversation(target.profile(), messages, think),
        target::operator));
    ScenarioBuilder chatting = scenario("chat").exec(chat.chain());
    setUp(model.equals("closed")
        ? chatting.injectClosed(constantConcurrentUsers(users).during(duration))
        : chatting.injectOpen(rampUsers(users).during(ramp)))
        .protocols(target.protocol())
        .assertions(assertions(p95, p99, max));
  }

  private static List<Assertion> assertions(Duration p95, Duration p99, Optional<Duration> max) {
    List<Assertion> assertions = new ArrayList<>(List.of(
        details(REPLY).failedRequests().count().is(0L),
        details(REPLY).responseTime().percentile(95).lt((int) p95.toMillis()),
        details(REPLY).responseTime().percentile(99).lt((int) p99.toMillis())));
    max.ifPresent(limit -> assertions.add(details(REPLY).responseTime().max().lte((int) limit.toMillis())));
    return assertions;
  }

  @Override
  public void after() {
    target.close();
  }
}

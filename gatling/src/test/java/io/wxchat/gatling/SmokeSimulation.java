package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./mvnw verify} runs, in seconds, against the embedded reference server: a few chatting
 * mini-programs and the loadable files of scenarios/operator, so the translation is exercised on
 * every build. Long loads are the other simulations, run by hand.
 */
public final class SmokeSimulation extends Simulation {
  private final LoadTarget target = Abort.unless(LoadTarget::fromProperties);

  {
    ScenarioChain chat = Abort.unless(() -> ScenarioChain.of(
        Chat.conversation(target.profile(), 2, Duration.ofMillis(200)), target::operator));
    ScenarioLoad files = Abort.unless(() -> ScenarioLoad.from(
        Project.path(Path.of("scenarios/operator/1.1-greeting.yaml")), target, 3));
    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(scenario("chat").exec(chat.chain()).injectOpen(rampUsers(5).during(Duration.ofSeconds(2))));
    files.scenarios().forEach(s -> populations.add(s.injectOpen(rampUsers(3).during(Duration.ofSeconds(2)))));
    List<io.gatling.javaapi.core.Assertion> assertions = new ArrayList<>(files.assertions());
    assertions.add(details(ChatLoadSimulation.REPLY).failedRequests().count().is(0L));
    assertions.add(details(ChatLoadSimulation.REPLY).responseTime().percentile(99).lt(2000));
    setUp(populations).protocols(target.protocol()).assertions(assertions);
  }

  @Override
  public void after() {
    target.close();
  }
}

package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Any scenario file (or folder of them) under load: {@code -Dscenarios=scenarios/operator/1.1-greeting.yaml
 * -Dusers=200 -Dramp=20s}; each file's steps become one virtual user, its expectations Gatling checks.
 */
public final class ScenarioSimulation extends Simulation {
  private final LoadTarget target = Abort.unless(LoadTarget::fromProperties);

  {
    int users = Abort.unless(() -> LoadSettings.users(10));
    Duration ramp = Abort.unless(() -> LoadSettings.ramp(Duration.ofSeconds(10)));
    Path root = Abort.unless(() -> Project.path(LoadSettings.scenarios(Path.of("scenarios"))));
    ScenarioLoad load = Abort.unless(() -> ScenarioLoad.from(root, target, users));
    List<PopulationBuilder> populations = load.scenarios().stream()
        .map(s -> s.injectOpen(rampUsers(users).during(ramp))).toList();
    setUp(populations).protocols(target.protocol()).assertions(load.assertions());
  }

  @Override
  public void after() {
    target.close();
  }
}

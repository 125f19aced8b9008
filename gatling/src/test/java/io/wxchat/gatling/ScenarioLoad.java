package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.wxchat.conformance.RunVariables;
import io.wxchat.scenario.LoadSupport;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario files as Gatling scenarios with their assertions: no named check or group may fail, and
 * the p99 of each stays within its step's {@code within}. {@code ScenarioLoad.from(path, target, users)}
 */
final class ScenarioLoad {
  /** How a load run gives a recording's {@code {TOKEN}} its value: {@code -Dvar.TOKEN=VALUE}, else the environment. */
  static final RunVariables.Syntax SYNTAX = new RunVariables.Syntax("run with", "-D" + LoadSettings.VARIABLE_PREFIX
      + "%s=VALUE", "-D" + LoadSettings.VARIABLE_PREFIX + "%s", "");
  private final List<ScenarioBuilder> scenarios = new ArrayList<>();
  private final List<Assertion> assertions = new ArrayList<>();

  private ScenarioLoad() {
  }

  /**
   * {@code scenarios} with their variables ({@code {TOKEN}} of a recording) filled from
   * {@code -Dvar.TOKEN=VALUE}, else the environment; a variable without a value stops the run with
   * one line per file that names it.
   */
  static List<Scenario> filled(List<Scenario> scenarios, Path root) {
    RunVariables variables = RunVariables.resolve(LoadSettings.variables(), System.getenv(), scenarios,
        id -> ScenarioFiles.fileOf(root, id).map(Path::toString).orElse(id), SYNTAX);
    variables.notes().forEach(note -> System.out.println("wxchat-gatling: " + note));
    return scenarios.stream().map(variables::apply).toList();
  }

  /**
   * The loadable files under {@code root} that apply to the target's profile. A file named on its
   * own that cannot load stops the run; in a folder each such file is named with its reason.
   */
  static ScenarioLoad from(Path root, LoadTarget target, int concurrentUsers) {
    boolean single = Files.isRegularFile(root);
    List<Scenario> chosen = new ArrayList<>();
    for (Scenario s : ScenarioFiles.loadAll(root)) {
      String why = !s.appliesTo(target.profile()) ? "not for the " + target.profile().id() + " profile"
          : LoadSupport.whyNot(s).map(reason -> "conformance only: " + reason).orElse(null);
      if (why != null && single) {
        throw new IllegalArgumentException(root + ": " + s.id() + " cannot load: " + why
            + " (wxchat-sim list --load shows which files can)");
      }
      if (why != null) {
        System.out.println("wxchat-gatling: skipping " + s.id() + " (" + why + ")");
      } else {
        chosen.add(s);
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("no scenario under " + root + " can load against the "
          + target.profile().id() + " profile (wxchat-sim list --load)");
    }
    chosen = filled(chosen, root);
    LoadSupport.whyNotTogether(chosen, concurrentUsers).ifPresent(why -> {
      throw new IllegalArgumentException(why);
    });
    ScenarioLoad load = new ScenarioLoad();
    for (Scenario s : chosen) {
      ScenarioChain chain = ScenarioChain.of(s, target::operator);
      load.scenarios.add(scenario(s.id()).exec(chain.chain()));
      chain.names().forEach((name, within) -> {
        load.assertions.add(details(name).failedRequests().count().is(0L));
        if (!within.isZero()) {
          load.assertions.add(details(name).responseTime().percentile(99).lte((int) within.toMillis()));
        }
      });
    }
    return load;
  }

  List<ScenarioBuilder> scenarios() {
    return scenarios;
  }

  List<Assertion> assertions() {
    return assertions;
  }
}

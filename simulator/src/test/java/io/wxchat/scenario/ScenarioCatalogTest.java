package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every file in scenarios/ loads, and survives a round trip through JSON and YAML unchanged. */
class ScenarioCatalogTest {
  static Path scenariosDir() {
    return Path.of(System.getProperty("scenarios.dir", "../scenarios"));
  }

  @TestFactory
  Stream<DynamicTest> every_scenario_file_round_trips_through_json_and_yaml() {
    List<Path> files = ScenarioFiles.scenarioFiles(scenariosDir());
    assertThat(files).as("scenario files in %s", scenariosDir()).isNotEmpty();
    return files.stream().map(file -> DynamicTest.dynamicTest(scenariosDir().relativize(file).toString(), () -> {
      Scenario scenario = ScenarioFiles.load(file);
      assertThat(ScenarioFiles.parse(ScenarioFiles.toJson(scenario), file + " as JSON")).isEqualTo(scenario);
      assertThat(ScenarioFiles.parse(ScenarioFiles.toYaml(scenario), file + " as YAML")).isEqualTo(scenario);
    }));
  }

  @Test
  void ids_are_unique_and_every_case_cites_a_rule_of_the_protocol() {
    List<Scenario> all = ScenarioFiles.loadAll(scenariosDir());
    assertThat(all).allSatisfy(s -> assertThat(s.rules()).as(s.id()).isNotEmpty()
        .allMatch(rule -> rule.matches("[TCOERXW]\\d+"), "rule numbers like O3"));
  }
}

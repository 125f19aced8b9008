package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The published JSON Schema, checked by a real validator, accepts every shipped file and what the loader accepts. */
class ScenarioSchemaTest {
  private static final Path SCENARIOS = Path.of(System.getProperty("scenarios.dir", "../scenarios"));
  private static final Schema SCHEMA = schema();

  private static Schema schema() {
    try {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(Files.readString(SCENARIOS.resolve("scenario.schema.json")), InputFormat.JSON);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the schema under " + SCENARIOS, e);
    }
  }

  @TestFactory
  Stream<DynamicTest> every_file_in_scenarios_matches_the_schema() {
    List<Path> files = ScenarioFiles.scenarioFiles(SCENARIOS);
    assertThat(files).hasSizeGreaterThan(30);
    return files.stream().map(file -> DynamicTest.dynamicTest(SCENARIOS.relativize(file).toString(), () -> {
      List<Error> errors = SCHEMA.validate(Files.readString(file), InputFormat.YAML);
      assertThat(errors).as(file + " against scenario.schema.json").isEmpty();
    }));
  }

  @Test
  void the_schema_rejects_what_the_loader_rejects() {
    // given: a misspelt step, which the loader reports as unknown step "expct"
    String bad = """
        id: demo.1.1
        title: T
        expectation: E
        rules: [C2]
        steps:
          - expct: {client: alice}
        """;
    // when
    List<Error> errors = SCHEMA.validate(bad, InputFormat.YAML);
    // then
    assertThat(errors).isNotEmpty();
  }
}

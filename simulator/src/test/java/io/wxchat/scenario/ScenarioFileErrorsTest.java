package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every way a scenario file goes wrong gets file:line, what is wrong and what is allowed, in the file's own words. */
class ScenarioFileErrorsTest {
  private static final String GOOD = """
      id: demo.1.1
      title: T
      expectation: E
      rules: [C2]
      steps:
        - connect: alice
        - silence: {client: alice, for: 500ms}
      """;
  private static final String SHAPE = "a mapping with id, title, expectation, rules and steps";

  @Test
  void an_empty_file_says_what_a_scenario_is() {
    assertThatThrownBy(() -> ScenarioFiles.parse("# only a comment\n", "s/e.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("s/e.yaml:1: empty file; expected a scenario: " + SHAPE);
  }

  @Test
  void a_file_that_is_not_a_scenario_says_what_it_holds() {
    assertThatThrownBy(() -> ScenarioFiles.parse("- connect: alice\n", "s/l.yaml"))
        .hasMessage("s/l.yaml:1: not a scenario: the file holds a list; expected " + SHAPE);
    assertThatThrownBy(() -> ScenarioFiles.parse("hello world\n", "s/t.yaml"))
        .hasMessage("s/t.yaml:1: not a scenario: the file holds a single value (\"hello world\"); expected " + SHAPE);
  }

  @Test
  void a_tab_in_the_indentation_is_named_at_its_line() {
    String bad = GOOD.replace("  - connect", "\t- connect");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "s/tab.yaml"))
        .hasMessage("s/tab.yaml:6: a tab at column 1; YAML indents with spaces only");
  }

  @Test
  void bad_indentation_is_named_at_its_line_with_what_to_check() {
    String bad = GOOD.replace("  - silence", "    - silence");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "s/indent.yaml"))
        .hasMessage("s/indent.yaml:7: not valid YAML at column 5: expected <block end>, but found '-'"
            + " (while parsing a block mapping at line 6); check the indentation: keys of one mapping and items"
            + " of one list start in the same column");
  }

  @Test
  void a_missing_id_is_named_as_the_file_writes_it() {
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD.replace("id: demo.1.1\n", ""), "s/noid.yaml"))
        .hasMessage("s/noid.yaml:1: missing \"id\"; a scenario is " + SHAPE);
  }

  @Test
  void a_top_level_typo_is_reported_at_its_own_line() {
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD.replace("expectation:", "expectaton:"), "s/typo.yaml"))
        .hasMessage("s/typo.yaml:3: unknown field \"expectaton\" in the scenario; expected one of [expectation, id,"
            + " informational, profiles, requires, rules, steps, tags, timeout, title]");
  }

  @Test
  void a_rule_the_protocol_does_not_define_is_named_at_its_line() {
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD.replace("rules: [C2]", "rules: [C2, O99]"), "s/rule.yaml"))
        .hasMessageStartingWith("s/rule.yaml:4: rule \"O99\" is not defined in docs/PROTOCOL.md; expected one of"
            + " [T1, T2, T3, T4, T5, C1, C2, C3, C4, O1,");
  }

  @Test
  void a_step_s_fields_are_named_as_the_file_writes_them_not_as_java_does() {
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD.replace("for: 500ms", "fro: 500ms"), "s/for.yaml"))
        .hasMessage("s/for.yaml:7: at /steps/1: unknown field \"fro\" in silence; expected one of [client, for]");
  }

  @Test
  void a_misspelt_field_of_a_multi_line_step_is_reported_at_its_own_line() {
    String bad = GOOD.replace("  - silence: {client: alice, for: 500ms}\n",
        "  - silence:\n      client: alice\n      for: 500ms\n      within: 2s\n");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "s/own.yaml"))
        .hasMessage("s/own.yaml:10: at /steps/1/within: unknown field \"within\" in silence; expected one of [client, for]");
  }

  @Test
  void a_key_written_twice_is_an_error_not_the_last_one_wins() {
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD + "title: again\n", "s/dup.yaml"))
        .hasMessage("s/dup.yaml:8: duplicate key \"title\"; a key appears once in a mapping");
  }

  @Test
  void a_value_of_the_wrong_type_says_what_was_expected_in_plain_words() {
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD + "informational: maybe\n", "s/type.yaml"))
        .hasMessage("s/type.yaml:8: at /informational: expected true or false, got \"maybe\"");
  }

  @Test
  void a_step_written_as_a_bare_word_shows_the_shape_of_a_step() {
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD.replace("  - connect: alice", "  - connect"), "s/bare.yaml"))
        .hasMessageStartingWith("s/bare.yaml:6: at /steps/0: a step is a one-key mapping such as \"- connect: alice\"");
  }

  @Test
  void a_rule_of_the_whole_scenario_is_reported_at_the_key_it_is_about() {
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD.replace("demo.1.1", "Demo 1"), "s/id.yaml"))
        .hasMessage("s/id.yaml:1: at /id: id must look like \"operator.2.1\" ([a-z][a-z0-9-]*(\\.[a-z0-9-]+)+): Demo 1");
    assertThatThrownBy(() -> ScenarioFiles.parse(GOOD.replace("title: T", "title: ' '"), "s/title.yaml"))
        .hasMessage("s/title.yaml:2: at /title: a scenario needs a title");
  }

  @Test
  void an_http_header_that_would_split_the_request_is_named_with_what_a_header_needs() {
    String bad = GOOD.replace("  - connect: alice\n", "  - http: {status: 404, headers: {'Up grade': h2c}}\n");
    assertThatThrownBy(() -> ScenarioFiles.parse(bad, "s/header.yaml"))
        .hasMessageContaining("s/header.yaml:6").hasMessageContaining(
            "http: a header needs a token name and a one-line value: \"Up grade: h2c\"");
  }
}

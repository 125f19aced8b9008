package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code list}: a table with a header row, each case once, informational said once. */
class ListCommandTest {
  private static final String SCENARIOS = Path.of(System.getProperty("scenarios.dir", "../scenarios")).toString();

  @Test
  void list_has_a_header_row_and_counts_in_good_english() {
    // when
    CliErrorsTest.Outcome list = CliErrorsTest.sim("list", "--scenarios", SCENARIOS, "--case", "operator.1.1");
    // then
    List<String> lines = list.out().lines().toList();
    assertThat(list.exit()).isZero();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("ID +PROFILES +NEEDS +RULES +TITLE");
    assertThat(lines.get(1)).matches("operator\\.1\\.1 +operator +- +C2,O1,O2,O3 +The greeting gets the auto-reply");
    assertThat(lines.get(2)).isEqualTo("1 case");
  }

  @Test
  void an_informational_case_says_so_once() {
    CliErrorsTest.Outcome list = CliErrorsTest.sim("list", "--scenarios", SCENARIOS, "--case", "echo.2.1");
    assertThat(list.out()).containsOnlyOnce("(informational)");
  }

  @Test
  void without_a_scenarios_folder_the_suites_in_the_jar_are_listed() {
    // when: no --scenarios (the test runs in simulator/, which has no scenarios folder)
    CliErrorsTest.Outcome list = CliErrorsTest.sim("list");
    // then
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("operator.1.1").contains("echo.1.1");
  }
}

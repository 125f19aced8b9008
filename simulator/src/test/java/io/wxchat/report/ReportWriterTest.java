package io.wxchat.report;

import static io.wxchat.report.Runs.passed;
import static io.wxchat.report.Runs.run;
import static io.wxchat.report.Runs.scenario;
import static io.wxchat.report.Runs.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.TargetResult;
import io.wxchat.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private final Scenario greeting = scenario("operator.1.1", "The greeting gets the auto-reply", "C2", "O3");
  private final Scenario every = scenario("operator.1.2", "Every text gets the auto-reply", "O3");

  @TempDir
  Path dir;

  @Test
  void writes_a_folder_per_target_and_the_run_index_and_page_above_them() throws Exception {
    // given
    RunResult run = run(false, target("reference", passed(greeting, "reference")),
        target("candidate", passed(greeting, "candidate")));

    // when
    Path page = ReportWriter.write(run, dir.resolve("reports/new"));

    // then
    Path reports = dir.resolve("reports/new");
    assertThat(page).isEqualTo(reports.resolve("index.html"));
    assertThat(reports.resolve("index.json")).isRegularFile();
    for (String target : List.of("reference", "candidate")) {
      assertThat(reports.resolve(target)).isDirectoryContaining("glob:**/operator.1.1.json")
          .isDirectoryContaining("glob:**/index.json").isDirectoryContaining("glob:**/junit.xml")
          .isDirectoryContaining("glob:**/index.html");
    }
  }

  @Test
  void a_target_that_stopped_early_still_gets_its_files_and_its_reason_on_the_page() throws Exception {
    // given
    TargetResult aborted = new TargetResult("candidate", "node server.js", "operator",
        List.of(passed(greeting, "candidate")), "the server exited with code 1 <during> operator.1.2");
    TargetResult nothing = new TargetResult("silent", "ws://127.0.0.1:9/", "operator", List.of(),
        "target unreachable: connection refused");
    RunResult run = run(false, target("reference", passed(greeting, "reference"), passed(every, "reference")),
        aborted, nothing);

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(dir.resolve("candidate/operator.1.1.json")).isRegularFile();
    assertThat(dir.resolve("candidate/junit.xml")).isRegularFile();
    assertThat(dir.resolve("silent/index.json")).hasContent("{\n  \"silent\" : { }\n}");
    assertThat(dir.resolve("silent/index.html")).isRegularFile();
    assertThat(html).contains("ABORTED").contains("the server exited with code 1 &lt;during&gt; operator.1.2")
        .contains("target unreachable: connection refused").contains("Not run against candidate: the run stopped early.");
  }

  @Test
  void a_run_without_targets_still_writes_its_index_and_page() throws Exception {
    // given
    RunResult run = new RunResult(List.of(), Runs.STARTED, null, false);

    // when
    String html = Files.readString(ReportWriter.write(run, dir));

    // then
    assertThat(dir.resolve("index.json")).hasContent("{ }");
    assertThat(html).contains("No case ran.").contains("0 passed, 0 failed");
  }

  @Test
  void old_files_of_the_same_name_are_replaced_and_others_kept() throws Exception {
    // given
    Files.createDirectories(dir.resolve("reference"));
    Files.writeString(dir.resolve("reference/operator.1.1.json"), "x".repeat(100_000));
    Files.writeString(dir.resolve("reference/notes.txt"), "mine");
    RunResult run = run(false, target("reference", passed(greeting, "reference")));

    // when
    ReportWriter.write(run, dir);

    // then
    assertThat(Files.readString(dir.resolve("reference/operator.1.1.json"))).startsWith("{").doesNotContain("xxx");
    assertThat(dir.resolve("reference/notes.txt")).hasContent("mine");
  }

  @Test
  void target_names_become_safe_and_distinct_folders() throws Exception {
    // given
    RunResult run = run(false, target("../evil name", passed(greeting, "../evil name")),
        target("..", passed(greeting, "..")), target("../evil name", passed(greeting, "../evil name")));

    // when
    ReportWriter.write(run, dir);

    // then
    assertThat(dir.resolve(".._evil_name/operator.1.1.json")).isRegularFile();
    assertThat(dir.resolve(".._evil_name-2/operator.1.1.json")).isRegularFile();
    assertThat(dir.resolve("target__/operator.1.1.json")).isRegularFile();
    assertThat(dir.getParent().resolve("evil name")).doesNotExist();
  }
}

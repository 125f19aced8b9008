package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The console: a target's header in good English, and when cases finish at once each case's details under its own line. */
class ConsoleTest {
  @Test
  void a_target_s_header_counts_one_case_and_several_in_good_english() {
    StringWriter text = new StringWriter();
    RunCommand.Console console = new RunCommand.Console(new PrintWriter(text), false, "operator");

    console.targetStarted("server.js", "node server.js on free ports", 1);
    console.targetStarted("reference", "embedded reference server (operator profile)", 42);

    assertThat(text.toString().lines().toList()).containsExactly("== server.js: node server.js on free ports (1 case)",
        "== reference: embedded reference server (operator profile) (42 cases)");
  }

  @Test
  void a_case_s_failure_lines_never_land_under_another_case_s_line() throws Exception {
    // given: 40 failed cases finishing on 8 threads at the same moment
    StringWriter text = new StringWriter();
    RunCommand.Console console = new RunCommand.Console(new PrintWriter(text), false, "operator");
    console.targetStarted("reference", "embedded", 40);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 40; i++) {
      String id = "demo.1." + i;
      Scenario scenario = Scenario.builder(id).title("case " + i).expectation("e").rules("C2")
          .steps(Steps.connect("alice")).build();
      CaseResult failed = new CaseResult(scenario, "reference", Verdict.FAILED, 1_000_000,
          id + " step 1 FAILED\n  expected: " + id + "\n  transcript: " + id + ".json", List.of(), List.of(), "");
      pool.execute(() -> {
        try {
          go.await();
          console.caseFinished(failed);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    // when
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    // then: every verdict line is followed by its own three detail lines
    List<String> lines = text.toString().lines().skip(1).toList();
    assertThat(lines).hasSize(40 * 4);
    for (int i = 0; i < lines.size(); i += 4) {
      String id = lines.get(i).trim().split("\\s+")[1];
      assertThat(lines.subList(i + 1, i + 4)).allMatch(line -> line.contains(id + " ") || line.endsWith(id)
          || line.endsWith(id + ".json"));
    }
  }
}

package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.ConformanceRunner;
import io.wxchat.conformance.Progress;
import io.wxchat.conformance.RunOptions;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.Step;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.session.ClientSession;
import io.wxchat.targets.EmbeddedTarget;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session recorded through the proxy replays as a case: green on the same server, red on a broken one. */
class RecordReplayIT {
  @TempDir
  Path work;

  /** Two clients greet, the operator speaks once, alice writes again; all through the recording proxy. */
  private Path recordASession() throws Exception {
    SessionRecorder recorder = new SessionRecorder("recorded.session", "the reference server", List.of(), false);
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start();
         WireProxy proxy = WireProxy.to(server.uri()).recordInto(recorder).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      alice.send("你好");
      assertThat(Clients.text(alice)).contains("[自动回复]");
      ClientSession bob = Clients.open(proxy.uri(), "bob");
      bob.send("你好");
      assertThat(Clients.text(bob)).contains("[自动回复]");
      server.say("您好，客服在线");
      assertThat(Clients.text(alice)).contains("您好，客服在线");
      assertThat(Clients.text(bob)).contains("您好，客服在线");
      alice.send("我想咨询一下订单");
      alice.close(1000);
      bob.close(1000);
      assertThat(Clients.next(alice)).isInstanceOf(io.wxchat.session.Received.Closed.class);
      assertThat(Clients.next(bob)).isInstanceOf(io.wxchat.session.Received.Closed.class);
    }
    List<Path> files = recorder.writeTo(work.resolve("recorded"));
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  @Test
  void a_recorded_session_is_a_scenario_file_with_generalised_dates_and_the_inferred_operator_line() throws Exception {
    // when
    Path file = recordASession();
    // then
    String text = Files.readString(file);
    Scenario scenario = ScenarioFiles.load(file);
    assertThat(scenario.id()).isEqualTo("recorded.session");
    assertThat(scenario.expectation()).startsWith("2 clients; alice sends 2 messages and receives 2 frames; "
        + "bob sends 1 message and receives 2 frames; the operator pushes 1 line (inferred from the wire)");
    assertThat(scenario.steps()).filteredOn(s -> s instanceof Step.OperatorSays)
        .containsExactly(new Step.OperatorSays("您好，客服在线"));
    assertThat(scenario.steps()).filteredOn(s -> s instanceof Step.Send).hasSize(3);
    assertThat(text).contains("dateFormat: operator", "equalTo: \"[自动回复] : 请等待用户接入回复...\"")
        .contains("# Generalised: 4x \"date\" -> {dateFormat: operator}; every other field is exact.")
        .contains("# Inferred: the operator steps [");
  }

  @Test
  void the_recording_replays_passed_against_a_fresh_reference_server() throws Exception {
    // given
    Scenario recorded = ScenarioFiles.load(recordASession());
    // when
    CaseResult result = replay(new EmbeddedTarget(Profile.OPERATOR), recorded);
    // then
    assertThat(result.verdict()).as(result.failure() + result.notes()).isEqualTo(Verdict.PASSED);
  }

  @Test
  void the_recording_fails_against_a_server_whose_auto_reply_differs() throws Exception {
    // given
    Scenario recorded = ScenarioFiles.load(recordASession());
    Path node = Path.of(System.getProperty("node.server.dir", "src/test/node/chat-server"));
    Target broken = new LaunchedTarget("node server.js --port {port} --fault wrong-auto-reply-text", node, 0,
        OperatorMode.STDIN, null, "wrong-auto-reply-text");
    // when
    CaseResult result = replay(broken, recorded);
    // then
    assertThat(result.verdict()).as(result.failure()).isEqualTo(Verdict.FAILED);
    assertThat(result.failure().lines().toList().subList(0, 2)).satisfiesExactly(
        headline -> assertThat(headline).matches("recorded\\.session step 3 \\(the 1st frame alice received in the"
            + " recording\\) FAILED after \\d+ ms: the frame at alice does not match"),
        expected -> assertThat(expected).isEqualTo("  expected: {\"content\":\"[自动回复] : 请等待用户接入回复...\","
            + "\"date\":a operator date like \"2026-21-11 , 9:05 pm\"} (no other fields)"));
    assertThat(result.failure()).contains("got \"[自动回复] 请稍候\"");
  }

  private CaseResult replay(Target target, Scenario scenario) throws Exception {
    RunResult run = new ConformanceRunner(new RunOptions(Profile.OPERATOR, 4, false, work.resolve("reports")))
        .run(List.of(target), List.of(scenario), Progress.SILENT);
    return run.targets().get(0).cases().get(0);
  }
}

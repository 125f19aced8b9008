package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.ConformanceRunner;
import io.wxchat.conformance.Progress;
import io.wxchat.conformance.RunOptions;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.session.ClientSession;
import io.wxchat.session.RecordedEvent;
import io.wxchat.targets.EmbeddedTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded sessions replay at the pace asked for, and in many copies at once with the same verdict. */
class ReplayIT {
  @TempDir
  static Path work;
  static Scenario recorded;

  /** alice and bob each greet, pause 700 ms, and write again; no operator. */
  @BeforeAll
  static void record() throws Exception {
    SessionRecorder recorder = new SessionRecorder("recorded.paced", "the reference server", List.of(), false);
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start();
         WireProxy proxy = WireProxy.to(server.uri()).recordInto(recorder).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      ClientSession bob = Clients.open(proxy.uri(), "bob");
      alice.send("你好");
      Clients.text(alice);
      bob.send("你好");
      Clients.text(bob);
      Thread.sleep(700); // the pause the recording must keep: what a person typing does
      alice.send("在吗？");
      Clients.text(alice);
      alice.close(1000);
      bob.close(1000);
      Clients.next(alice);
      Clients.next(bob);
    }
    recorded = recorder.recordings().get(0).scenario();
  }

  private static CaseResult run(Scenario scenario) throws Exception {
    return new ConformanceRunner(new RunOptions(Profile.OPERATOR, 2, false, work.resolve("reports")))
        .run(List.of(new EmbeddedTarget(Profile.OPERATOR)), List.of(scenario), Progress.SILENT)
        .targets().get(0).cases().get(0);
  }

  private static long waitedMillis(Scenario scenario) {
    return scenario.steps().stream().filter(s -> s instanceof Step.Wait).map(s -> ((Step.Wait) s).duration())
        .mapToLong(Duration::toMillis).sum();
  }

  @Test
  void recorded_pace_keeps_the_pauses_and_10x_shortens_them() throws Exception {
    // when
    Scenario atRecordedPace = Replay.parse("recorded", 1).apply(recorded);
    Scenario warped = Replay.parse("10x", 1).apply(recorded);
    Scenario byReplies = Replay.parse("replies", 1).apply(recorded);
    // then
    assertThat(waitedMillis(atRecordedPace)).isBetween(690L, 2_000L);
    assertThat(waitedMillis(warped)).isBetween(waitedMillis(atRecordedPace) / 10 - 2, waitedMillis(atRecordedPace) / 10 + 2);
    assertThat(waitedMillis(byReplies)).isZero();
    CaseResult slow = run(atRecordedPace);
    CaseResult fast = run(byReplies);
    assertThat(slow.verdict()).as(slow.failure()).isEqualTo(Verdict.PASSED);
    assertThat(fast.verdict()).as(fast.failure()).isEqualTo(Verdict.PASSED);
    assertThat(slow.durationMillis()).isGreaterThanOrEqualTo(690);
  }

  @Test
  void twenty_copies_replay_green_each_with_its_own_clients() throws Exception {
    // when
    CaseResult result = run(Replay.parse("replies", 20).apply(recorded));
    // then
    assertThat(result.verdict()).as(result.failure()).isEqualTo(Verdict.PASSED);
    assertThat(result.transcript().stream().filter(e -> e.kind() == RecordedEvent.Kind.OPEN)
        .map(RecordedEvent::client).distinct()).hasSize(40).contains("alice-1", "bob-20");
  }

  @Test
  void a_broken_copy_fails_the_case_naming_the_copy() throws Exception {
    // given: a copy of the recording whose first expected auto-reply differs
    Scenario wrong = io.wxchat.scenario.ScenarioFiles.parse(io.wxchat.scenario.ScenarioFiles.toYaml(recorded)
        .replaceFirst("请等待用户接入回复\\.\\.\\.", "请稍候"), "wrong");
    // when
    CaseResult result = run(Replay.parse("replies", 3).apply(wrong));
    // then
    assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(result.failure()).containsPattern("step 1\\[copy(\\d)\\]\\.\\d+ \\(the 1st frame alice-\\1 received in the"
        + " recording\\) FAILED");
  }
}

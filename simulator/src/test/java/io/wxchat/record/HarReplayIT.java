package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.ConformanceRunner;
import io.wxchat.conformance.Progress;
import io.wxchat.conformance.RunOptions;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.Variables;
import io.wxchat.targets.EmbeddedTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The imported DevTools session is a case that passes against the reference server. */
class HarReplayIT {
  @TempDir
  Path work;

  @Test
  void the_imported_devtools_session_replays_passed() throws Exception {
    // given
    Path file = HarImport.read(HarImportTest.fixture(), "imported.devtools", List.of()).get(0).writeTo(work);
    Variables testAccount = Variables.of(Map.of("TOKEN", "a-test-account-token", "COOKIE", "session=test"));
    // when
    CaseResult result = new ConformanceRunner(new RunOptions(Profile.OPERATOR, 2, false, work.resolve("reports")))
        .run(List.of(new EmbeddedTarget(Profile.OPERATOR)), List.of(testAccount.apply(ScenarioFiles.load(file))),
            Progress.SILENT)
        .targets().get(0).cases().get(0);
    // then
    assertThat(result.verdict()).as(result.failure()).isEqualTo(Verdict.PASSED);
  }
}

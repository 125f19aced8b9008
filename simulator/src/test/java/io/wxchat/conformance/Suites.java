package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Shared fixtures of the conformance ITs: the suites in scenarios/ and the Node server under test/node. */
final class Suites {
  private Suites() {
  }

  /** The default run: every case but the opt-in (hardening) ones. */
  static List<Scenario> all() {
    return ScenarioFiles.loadAll(scenariosDir()).stream().filter(s -> !s.optIn()).toList();
  }

  /** The cases of one suite, opt-in or not, e.g. {@code hardening}. */
  static List<Scenario> suite(String suite) {
    return ScenarioFiles.loadAll(scenariosDir()).stream().filter(s -> s.suite().equals(suite)).toList();
  }

  private static Path scenariosDir() {
    return Path.of(System.getProperty("scenarios.dir", "../scenarios"));
  }

  static Path nodeServerDir() {
    Path dir = Path.of(System.getProperty("node.server.dir", "src/test/node/chat-server"));
    assertThat(dir.resolve("node_modules")).as("run npm ci in %s (Maven does it in pre-integration-test)", dir)
        .isDirectory();
    return dir;
  }

  /** The third-party Node server, launched on free ports, its operator on stdin. */
  static Target nodeServer(Profile profile, String fault) {
    String command = "node server.js --port {port} --mode " + profile.id() + (fault == null ? "" : " --fault " + fault);
    return new LaunchedTarget(command, nodeServerDir(), 0, OperatorMode.STDIN, null,
        fault == null ? "node-server" : fault);
  }

  static RunResult run(Target target, Profile profile, boolean strict, Path reports) throws Exception {
    return run(target, profile, strict, reports, List.of());
  }

  /** Only the cases {@code ids} (each must exist), or every case when it is empty. */
  static RunResult run(Target target, Profile profile, boolean strict, Path reports, List<String> ids)
      throws Exception {
    List<Scenario> cases = all();
    if (!ids.isEmpty()) {
      assertThat(cases.stream().map(Scenario::id)).as("the cases named").containsAll(ids);
      cases = cases.stream().filter(s -> ids.contains(s.id())).toList();
    }
    RunOptions options = new RunOptions(profile, 16, strict, reports);
    return new ConformanceRunner(options).run(List.of(target), cases, Progress.SILENT);
  }

  /** Every case that did not pass, with its verdict and message, for assertion descriptions. */
  static String problems(RunResult run) {
    return run.targets().stream().flatMap(t -> t.cases().stream())
        .filter(c -> c.verdict() != Verdict.PASSED)
        .map(c -> c.verdict() + " " + c.id() + ": " + c.failure() + " " + c.notes())
        .collect(Collectors.joining("\n"));
  }
}

package io.wxchat.junit;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.RunOptions;
import io.wxchat.conformance.RunVariables;
import io.wxchat.junit.internal.BackgroundRun;
import io.wxchat.junit.internal.QuietLogging;
import io.wxchat.scenario.BundledScenarios;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioException;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.targets.EmbeddedTarget;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.Target;
import io.wxchat.targets.UrlTarget;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The conformance suite inside your own build: one JUnit 5 dynamic test per case, named
 * {@code operator.1.1 The greeting gets the auto-reply}, failing with the CLI's message; the cases
 * run in parallel as in the CLI and the CLI's reports land in {@code target/wxchat-reports/}.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> speaks_the_wxchat_protocol() {
 *   return ConformanceTests.against(URI.create("ws://127.0.0.1:3000/")).stream();
 * }
 * }</pre>
 */
public final class ConformanceTests {
  private final Target target;
  private final boolean operated;
  private final List<Path> extra = new ArrayList<>();
  private boolean bundled = true;
  private Profile profile = Profile.OPERATOR;
  private boolean strict;
  private int parallel = RunOptions.defaults().parallel();
  private Path reportDir = Path.of("target", "wxchat-reports");
  private SSLContext trust;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private Map<String, String> environment = System.getenv();

  private ConformanceTests(Target target, boolean operated) {
    QuietLogging.unlessBound();
    this.target = target;
    this.operated = operated;
  }

  /** A running server; no operator driver, so operator cases are skipped as UNIMPLEMENTED. */
  public static ConformanceTests against(URI server) {
    return new ConformanceTests(new UrlTarget(server, null), false);
  }

  /** A running reference-style server whose operator channel ({@code /operator}) takes {@code operatorToken}. */
  public static ConformanceTests against(URI server, String operatorToken) {
    return new ConformanceTests(new UrlTarget(server, operatorToken), true);
  }

  /** A server launched per need from {@code command} in {@code dir}, on {@code port} (0: free ports, {port}). */
  public static ConformanceTests launching(String command, Path dir, int port) {
    return new ConformanceTests(new LaunchedTarget(command, dir, port, OperatorMode.STDIN, null, null), true);
  }

  /** The embedded reference server. */
  public static ConformanceTests embedded(Profile profile) {
    return new ConformanceTests(new EmbeddedTarget(profile), true).profile(profile);
  }

  /** Runs the cases of {@code fileOrFolder} instead of the bundled suites. */
  public ConformanceTests scenarios(Path fileOrFolder) {
    bundled = false;
    extra.clear();
    extra.add(fileOrFolder);
    return this;
  }

  /** Runs the cases of {@code fileOrFolder} as well (ids must not clash). */
  public ConformanceTests addScenarios(Path fileOrFolder) {
    extra.add(fileOrFolder);
    return this;
  }

  public ConformanceTests profile(Profile profile) {
    this.profile = profile;
    return this;
  }

  /** NON_STRICT fails the test too. */
  public ConformanceTests strict() {
    this.strict = true;
    return this;
  }

  /** Cases at once (default as in the CLI). */
  public ConformanceTests parallel(int cases) {
    this.parallel = cases;
    return this;
  }

  /** Where the reports go, and where failure messages say the transcripts are (default {@code target/wxchat-reports}). */
  public ConformanceTests reportDir(Path reportDir) {
    this.reportDir = reportDir;
    return this;
  }

  /** TLS trust for a wss:// server whose certificate the JVM does not trust (see {@code ClientTls}). */
  public ConformanceTests trust(SSLContext trust) {
    this.trust = trust;
    return this;
  }

  /**
   * The value of {@code {NAME}} in the scenarios, e.g. a secret a recording left out:
   * {@code .variable("TOKEN", System.getProperty("token"))}. Without it the environment variable
   * {@code NAME} fills it; a {@code {NAME}} without a value stops {@link #stream()} before any case runs.
   */
  public ConformanceTests variable(String name, String value) {
    variables.put(name, java.util.Objects.requireNonNull(value, () -> "variable(\"" + name + "\", null): give a value"));
    return this;
  }

  /** Where variables without a {@link #variable} value come from (the process environment). */
  ConformanceTests environment(Map<String, String> environment) {
    this.environment = environment;
    return this;
  }

  /**
   * One test per case of the profile. The suite starts with the first test and runs in the
   * background; closing the stream (JUnit does) stops the target and writes the reports.
   */
  public Stream<DynamicTest> stream() {
    List<Scenario> cases = load().stream().filter(s -> s.appliesTo(profile)).toList();
    RunVariables values = RunVariables.resolve(variables, environment, cases, this::fileOf, RunVariables.Syntax.JAVA);
    BackgroundRun run = new BackgroundRun(target, cases.stream().map(values::apply).toList(),
        new RunOptions(profile, parallel, strict, reportDir, trust), values::hide);
    return cases.stream()
        .map(scenario -> DynamicTest.dynamicTest(scenario.id() + " " + scenario.title(),
            () -> judge(scenario, run.await(scenario))))
        .onClose(run::close);
  }

  private List<Scenario> load() {
    // opt-in cases (the hardening pack) only when pointed at their file or their suite's folder
    List<Scenario> all = new ArrayList<>(bundled
        ? BundledScenarios.loadAll().stream().filter(s -> !s.optIn()).toList() : List.of());
    Map<String, Scenario> ids = new HashMap<>();
    all.forEach(s -> ids.put(s.id(), s));
    for (Path root : extra) {
      for (Scenario scenario : ScenarioFiles.loadAll(root)) {
        if (scenario.optIn() && !Files.isRegularFile(root)
            && !scenario.suite().equals(String.valueOf(root.getFileName()))) {
          continue;
        }
        if (ids.putIfAbsent(scenario.id(), scenario) != null) {
          throw new ScenarioException(root.toString(), 0, "id \"" + scenario.id()
              + "\" is already a bundled case; use scenarios(Path) to replace the bundled suites");
        }
        all.add(scenario);
      }
    }
    return all;
  }

  private String fileOf(String id) {
    return extra.stream().flatMap(root -> ScenarioFiles.fileOf(root, id).stream()).findFirst().map(Path::toString)
        .orElse(id);
  }

  private void judge(Scenario scenario, CaseResult result) {
    switch (result.verdict()) {
      case FAILED -> Assertions.fail(result.failure());
      case NON_STRICT -> {
        if (strict) {
          Assertions.fail(result.id() + " NON_STRICT: " + String.join("; ", result.notes()));
        }
      }
      case UNIMPLEMENTED -> Assumptions.abort(result.id() + " UNIMPLEMENTED: " + String.join("; ", result.notes())
          + inJava(scenario));
      case PASSED, INFORMATIONAL -> {
        // passes
      }
    }
  }

  /** What to write in Java to give an UNIMPLEMENTED case what it lacks (the notes name the CLI's options). */
  private String inJava(Scenario scenario) {
    if (scenario.needs(Requirement.OPERATOR) && !operated) {
      return "; in Java: ConformanceTests.launching(command, dir, 0) types operator lines into the server's stdin,"
          + " against(uri, operatorToken) uses an operator channel";
    }
    if (scenario.needs(Requirement.FRESH) && !target.spawnsFresh()) {
      return "; in Java: ConformanceTests.launching(command, dir, 0) starts a fresh server for each such case,"
          + " embedded(profile) does so with the reference server";
    }
    return "";
  }
}

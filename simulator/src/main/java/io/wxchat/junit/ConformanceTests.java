package io.wxchat.junit;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.internal.CaseRunner;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.targets.EmbeddedTarget;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.Target;
import io.wxchat.targets.UrlTarget;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The conformance suite inside your own build: one JUnit 5 dynamic test per case, failing with the
 * same message the CLI prints.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> speaks_the_wxchat_protocol() {
 *   return ConformanceTests.against(URI.create("ws://127.0.0.1:3000/"))
 *       .scenarios(Path.of("scenarios")).stream();
 * }
 * }</pre>
 */
public final class ConformanceTests {
  private final Target target;
  private Path scenarios = Path.of("scenarios");
  private Profile profile = Profile.OPERATOR;
  private boolean strict;
  private Path reportDir = Path.of("target", "wxchat-reports");
  private javax.net.ssl.SSLContext trust;

  private ConformanceTests(Target target) {
    this.target = target;
  }

  /** A running server; no operator driver, so operator cases are skipped as UNIMPLEMENTED. */
  public static ConformanceTests against(URI server) {
    return new ConformanceTests(new UrlTarget(server, null));
  }

  /** A running reference-style server whose operator channel takes {@code operatorToken}. */
  public static ConformanceTests against(URI server, String operatorToken) {
    return new ConformanceTests(new UrlTarget(server, operatorToken));
  }

  /** A server launched per need from {@code command} in {@code dir}, on {@code port} (0: free ports, {port}). */
  public static ConformanceTests launching(String command, Path dir, int port) {
    return new ConformanceTests(new LaunchedTarget(command, dir, port, OperatorMode.STDIN, null, null));
  }

  /** The embedded reference server. */
  public static ConformanceTests embedded(Profile profile) {
    return new ConformanceTests(new EmbeddedTarget(profile)).profile(profile);
  }

  public ConformanceTests scenarios(Path fileOrFolder) {
    this.scenarios = fileOrFolder;
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

  /** Where failure messages say the transcripts are (default {@code target/wxchat-reports}). */
  public ConformanceTests reportDir(Path reportDir) {
    this.reportDir = reportDir;
    return this;
  }

  /** TLS trust for a wss:// server whose certificate the JVM does not trust (see {@code ClientTls}). */
  public ConformanceTests trust(javax.net.ssl.SSLContext trust) {
    this.trust = trust;
    return this;
  }

  /** One test per case of the profile; the target starts with the first and stops when JUnit closes the stream. */
  public Stream<DynamicTest> stream() {
    List<Scenario> cases = ScenarioFiles.loadAll(scenarios).stream()
        .filter(s -> s.appliesTo(profile))
        // opt-in cases (hardening) only when pointed at their file or their suite's folder
        .filter(s -> !s.optIn() || Files.isRegularFile(scenarios) || s.suite().equals(String.valueOf(scenarios.getFileName())))
        // a target that cannot spawn fresh servers runs the operator cases last, one by one
        .sorted(Comparator.comparing(s -> s.needs(Requirement.FRESH) || s.needs(Requirement.OPERATOR)))
        .toList();
    CaseRunner runner = new CaseRunner(target, reportDir, trust);
    AtomicBoolean started = new AtomicBoolean();
    return cases.stream()
        .map(scenario -> DynamicTest.dynamicTest(scenario.id() + " " + scenario.title(), () -> {
          target.cannotRun(scenario).ifPresent(why -> Assumptions.abort(scenario.id() + " UNIMPLEMENTED: " + why));
          if (started.compareAndSet(false, true)) {
            target.start();
          }
          judge(runner.run(scenario));
        }))
        .onClose(target::close);
  }

  private void judge(CaseResult result) {
    switch (result.verdict()) {
      case FAILED -> Assertions.fail(result.failure());
      case NON_STRICT -> {
        if (strict) {
          Assertions.fail(result.id() + " NON_STRICT: " + String.join("; ", result.notes()));
        }
      }
      case UNIMPLEMENTED -> Assumptions.abort(result.id() + " UNIMPLEMENTED: " + String.join("; ", result.notes()));
      case PASSED, INFORMATIONAL -> {
        // passes
      }
    }
  }
}

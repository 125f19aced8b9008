package io.wxchat.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's Maven project with only README's coordinates and snippet (src/it/user-project) runs the
 * bundled suites as named, parallel JUnit tests with reports. The harness's artifacts go to a local
 * repository under target/, never ~/.m2; third-party artifacts are read from the build's own
 * repository (maven.repo.local.tail), offline.
 */
class UserProjectIT {
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

  @TempDir
  Path work;

  @Test
  void a_user_project_with_the_readme_snippet_runs_the_suite_as_named_parallel_tests_with_reports() throws Exception {
    // given
    Path repo = ROOT.resolve("simulator/target/it-repo");
    publish(repo, "wxchat-harness", ROOT.resolve("pom.xml"), null);
    publish(repo, "reference-server", ROOT.resolve("reference-server/pom.xml"),
        ROOT.resolve("reference-server/target/reference-server-" + VERSION + ".jar"));
    publish(repo, "simulator", ROOT.resolve("simulator/pom.xml"), ROOT.resolve("simulator/target/simulator-" + VERSION + ".jar"));
    Path project = work.resolve("user-project");
    copy(ROOT.resolve("simulator/src/it/user-project"), project);
    // when
    Path log = work.resolve("build.log");
    Process build = new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-B", "-ntp", "-o", "test",
        "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + System.getProperty("outer.repo",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString()))
        .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    build.getOutputStream().close();
    boolean ended = build.waitFor(300, TimeUnit.SECONDS);
    if (!ended) {
      build.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    // then
    assertThat(ended).as("the user build within 300 s:\n" + output).isTrue();
    assertThat(build.exitValue()).as(output).isZero();
    long bundled = io.wxchat.scenario.BundledScenarios.loadAll().stream()
        .filter(c -> c.appliesTo(io.wxchat.scenario.Profile.OPERATOR) && !c.optIn()).count();
    assertThat(output).contains("Tests run: " + bundled + ", Failures: 0").doesNotContain("SLF4J");
    String surefire = Files.readString(project.resolve("target/surefire-reports/TEST-com.example.chat.ConformanceTest.xml"));
    assertThat(surefire).contains("operator.1.1 The greeting gets the auto-reply").doesNotContain("name=\"[1]\"");
    Path reports = project.resolve("target/wxchat-reports");
    assertThat(reports.resolve("reference/junit.xml")).isRegularFile();
    assertThat(reports.resolve("reference/index.json")).isRegularFile();
    assertThat(reports.resolve("reference/operator.1.1.json")).isRegularFile();
    assertThat(reports.resolve("index.html")).isRegularFile();
    // parallel: the cases' own durations add up to more than the whole suite took
    double suite = seconds(surefire, "<testsuite [^>]*time=\"([0-9.]+)\"");
    double cases = allSeconds(Files.readString(reports.resolve("reference/junit.xml")), "<testcase [^>]*time=\"([0-9.]+)\"");
    assertThat(cases).as("sum of case durations vs the suite's %s s", suite).isGreaterThan(suite * 1.5);
  }

  private static void publish(Path repo, String artifact, Path pom, Path jar) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("io/wxchat/" + artifact + "/" + VERSION));
    Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      assertThat(jar).as("built by the reactor's package phase").isRegularFile();
      Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private static double seconds(String xml, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(xml);
    assertThat(m.find()).as(pattern).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static double allSeconds(String xml, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(xml);
    double sum = 0;
    List<Double> all = new java.util.ArrayList<>();
    while (m.find()) {
      all.add(Double.parseDouble(m.group(1)));
      sum += all.get(all.size() - 1);
    }
    assertThat(all).hasSizeGreaterThan(30);
    return sum;
  }
}

package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulator/bin/wxchat-sim} in a copy of the checkout's layout, with {@code mvnw} and {@code java}
 * stubs that only write down that they ran: it builds on first use and when a source is newer than the
 * jar (after git pull), not otherwise, and a failed build is exit 2 without running a stale jar.
 */
class LauncherScriptTest {
  private static final Path ROOT = Path.of(System.getProperty("scenarios.dir", "../scenarios"))
      .toAbsolutePath().normalize().getParent();
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir
  Path checkout;
  Path calls;
  Path jar;
  Path source;

  record Outcome(int exit, String err, String calls) {
  }

  @BeforeEach
  void a_checkout_with_stubs() throws IOException {
    Path script = Files.createDirectories(checkout.resolve("simulator/bin")).resolve("wxchat-sim");
    Files.copy(ROOT.resolve("simulator/bin/wxchat-sim"), script);
    calls = checkout.resolve("calls.txt");
    executable(checkout.resolve("mvnw"), """
        #!/bin/sh
        echo "mvnw $*" >> "$CALLS"
        if [ -n "${FAIL_BUILD:-}" ]; then echo "[ERROR] COMPILATION ERROR" >&2; exit 1; fi
        mkdir -p simulator/target && touch simulator/target/simulator.jar
        """);
    executable(Files.createDirectories(checkout.resolve("stubs")).resolve("java"), """
        #!/bin/sh
        echo "java $*" >> "$CALLS"
        """);
    source = Files.createDirectories(checkout.resolve("simulator/src/main/java")).resolve("Main.java");
    Files.writeString(source, "class Main {}");
    for (String file : new String[] {"pom.xml", "simulator/pom.xml", "reference-server/pom.xml", "docs/PROTOCOL.md"}) {
      Files.createDirectories(checkout.resolve(file).getParent());
      Files.writeString(checkout.resolve(file), "");
    }
    Files.createDirectories(checkout.resolve("reference-server/src/main"));
    Files.createDirectories(checkout.resolve("scenarios"));
    jar = checkout.resolve("simulator/target/simulator.jar");
    try (var files = Files.walk(checkout)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(2, ChronoUnit.HOURS)));
      }
    }
  }

  @Test
  void the_first_run_builds_the_jar_then_runs_it() throws Exception {
    Outcome run = launch(false, "--help");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo("wxchat-sim: building " + jar + " (first run, about a minute)...\n");
    assertThat(run.calls()).isEqualTo("mvnw -q -B -ntp -pl simulator -am package -DskipTests\n"
        + "java -jar " + jar + " --help\n");
  }

  @Test
  void a_jar_newer_than_every_source_runs_without_a_build() throws Exception {
    jarAt(NOW.minus(1, ChronoUnit.HOURS));

    Outcome run = launch(false, "list");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.calls()).isEqualTo("java -jar " + jar + " list\n");
  }

  @Test
  void a_source_newer_than_the_jar_rebuilds_it_as_after_a_git_pull() throws Exception {
    jarAt(NOW.minus(1, ChronoUnit.HOURS));
    Files.setLastModifiedTime(source, FileTime.from(NOW));

    Outcome run = launch(false, "run");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo("wxchat-sim: building " + jar + " (sources are newer than the jar)...\n");
    assertThat(run.calls()).startsWith("mvnw ").endsWith("java -jar " + jar + " run\n");
  }

  @Test
  void a_failed_build_is_exit_2_and_the_stale_jar_does_not_run() throws Exception {
    jarAt(NOW.minus(1, ChronoUnit.HOURS));
    Files.setLastModifiedTime(source, FileTime.from(NOW));

    Outcome run = launch(true, "run");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).endsWith("[ERROR] COMPILATION ERROR\nwxchat-sim: the build of " + jar + " failed (above);"
        + " fix it, or build by hand: ./mvnw -B -ntp -pl simulator -am package -DskipTests\n");
    assertThat(run.calls()).doesNotContain("java ");
  }

  private void jarAt(Instant time) throws IOException {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "");
    Files.setLastModifiedTime(jar, FileTime.from(time));
  }

  private Outcome launch(boolean failBuild, String... args) throws Exception {
    String[] command = new String[args.length + 2];
    command[0] = "sh";
    command[1] = checkout.resolve("simulator/bin/wxchat-sim").toString();
    System.arraycopy(args, 0, command, 2, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile())
        .redirectError(checkout.resolve("err.txt").toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PATH", checkout.resolve("stubs") + ":" + System.getenv("PATH"));
    builder.environment().put("CALLS", calls.toString());
    if (failBuild) {
      builder.environment().put("FAIL_BUILD", "1");
    }
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher ended within 30 s").isTrue();
    return new Outcome(process.exitValue(), Files.readString(checkout.resolve("err.txt"), StandardCharsets.UTF_8),
        Files.exists(calls) ? Files.readString(calls, StandardCharsets.UTF_8) : "");
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
  }
}

package io.wxchat.gatling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One simulation run as a user runs it, in a JVM of its own (its exit code is the result, and a
 * simulation that aborts halts its JVM): {@code ForkedGatling.run(OperatorFanOutSimulation.class,
 * Map.of("users", "20"), dir, Duration.ofSeconds(90))}.
 */
record ForkedGatling(int exitCode, String stdout, String stderr) {

  static ForkedGatling run(Class<?> simulation, Map<String, String> properties, Path dir, Duration within)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // a short run on two shared cores: start fast rather than peak fast
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
    String root = System.getProperty("wxchat.root");
    if (root != null) {
      command.add("-Dwxchat.root=" + root);
    }
    properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.addAll(List.of("io.gatling.app.Gatling", "-s", simulation.getName(),
        "-rf", dir.resolve("results").toString(), "-nr"));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(simulation.getSimpleName() + " did not end within " + within.toSeconds() + " s; its output:\n"
          + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new ForkedGatling(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Both outputs, for an assertion's message. */
  String output() {
    return "exit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}

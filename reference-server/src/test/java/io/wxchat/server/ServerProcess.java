package io.wxchat.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar as a real process: its stdout lines queued, its stderr kept, its stdin writable. */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (wss?://\\S+)");
  private static final String EOF = "\u0000EOF";

  private final Process process;
  private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();

  private ServerProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), line -> stdout.add(line), () -> stdout.add(EOF));
    pump(process.getErrorStream(), line -> {
      synchronized (stderr) {
        stderr.append(line).append('\n');
        stderr.notifyAll();
      }
    }, () -> { });
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("reference.jar", "target/reference-server.jar"));
    if (!Files.isRegularFile(jar)) {
      fail("no runnable jar at " + jar + "; build it with ./mvnw -pl reference-server package");
    }
    return jar;
  }

  static ServerProcess start(String... args) throws IOException {
    return startWithJvmOptions(List.of(), args);
  }

  /** The jar run by {@code java <jvmOptions> -jar ... args}, e.g. with a small {@code -Xmx}. */
  static ServerProcess startWithJvmOptions(List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(List.of(args));
    return new ServerProcess(new ProcessBuilder(command).start());
  }

  /** The jar run by {@code bash -c "<shellPrefix> exec java -jar ... args"}, e.g. after {@code ulimit -n 256;}. */
  static ServerProcess startInShell(String shellPrefix, String... args) throws IOException {
    StringBuilder command = new StringBuilder(shellPrefix).append(" exec '")
        .append(Path.of(System.getProperty("java.home"), "bin", "java")).append("' -jar '").append(jar()).append('\'');
    for (String arg : args) {
      command.append(" '").append(arg).append('\'');
    }
    return new ServerProcess(new ProcessBuilder("bash", "-c", command.toString()).start());
  }

  /**
   * The server started by its launcher, {@code bin/wxchat-server args}, with this JVM's {@code java}
   * first on the PATH and {@code WXCHAT_SERVER_JAVA_OPTS} set to {@code javaOpts}.
   */
  static ServerProcess launched(String javaOpts, String... args) throws IOException {
    jar(); // the launcher would build a missing jar: say what is missing instead
    List<String> command = new ArrayList<>(List.of("bin/wxchat-server"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
        + builder.environment().getOrDefault("PATH", ""));
    builder.environment().put("WXCHAT_SERVER_JAVA_OPTS", javaOpts);
    return new ServerProcess(builder.start());
  }

  /** The process's command and its arguments, as the operating system shows them. */
  List<String> commandLine() {
    ProcessHandle.Info info = process.info();
    List<String> line = new ArrayList<>();
    line.add(info.command().orElse("?"));
    line.addAll(List.of(info.arguments().orElse(new String[0])));
    return line;
  }

  /** Waits until stderr has a line containing {@code text}; fails after {@code seconds}. */
  void awaitLog(String text, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (stderr) {
      while (stderr.indexOf(text) < 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          fail("no log line with \"" + text + "\" within " + seconds + " s\nstderr:\n" + stderr);
        }
        stderr.wait(left);
      }
    }
  }

  /** Waits for the ready line and returns the URI it names. */
  URI awaitListening() throws InterruptedException {
    String line = nextLine(15);
    Matcher match = LISTENING.matcher(line);
    if (!match.find()) {
      fail("expected the ready line, got: " + line + "\nstderr:\n" + stderr);
    }
    return URI.create(match.group(1));
  }

  String nextLine(int seconds) throws InterruptedException {
    String line = stdout.poll(seconds, TimeUnit.SECONDS);
    if (line == null) {
      return fail("no stdout line within " + seconds + " s\nstderr:\n" + stderr);
    }
    return line;
  }

  OutputStream stdin() {
    return process.getOutputStream();
  }

  void typeLine(String line) throws IOException {
    stdin().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin().flush();
  }

  void sigterm() {
    process.destroy(); // SIGTERM on Unix
  }

  int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return fail("process still running after " + seconds + " s\nstderr:\n" + stderr);
    }
    return process.exitValue();
  }

  boolean isRunning() {
    return process.isAlive();
  }

  String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private static void pump(InputStream stream, java.util.function.Consumer<String> sink, Runnable atEnd) {
    Thread pump = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          sink.accept(line);
        }
      } catch (IOException ignored) {
        // process gone
      } finally {
        atEnd.run();
      }
    }, "server-process-pump");
    pump.setDaemon(true);
    pump.start();
  }
}

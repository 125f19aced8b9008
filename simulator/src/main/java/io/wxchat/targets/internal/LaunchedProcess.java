package io.wxchat.targets.internal;

import io.wxchat.targets.TargetUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server started from a shell command: its output kept as a bounded log (the last 64 KiB, lines
 * cut at 2 KiB, every byte counted), its port awaited, its death noticed, and its stop bounded
 * (SIGTERM, then SIGKILL).
 */
public final class LaunchedProcess implements AutoCloseable {
  private static final long PORT_POLL_MILLIS = 50;
  /** How long the output of a process that ended may take to be read to its end (a child may hold it open). */
  static final Duration LAST_WORDS = Duration.ofSeconds(2);

  private final String command;
  private final int port;
  private final Process process;
  private final OutputTail log = new OutputTail();
  private final List<Thread> pumps = new java.util.ArrayList<>(2);
  private volatile long exitNanos;

  private LaunchedProcess(String command, int port, Process process) {
    this.command = command;
    this.port = port;
    this.process = process;
    process.onExit().thenRun(() -> exitNanos = System.nanoTime());
    pump(process.getInputStream(), "");
    pump(process.getErrorStream(), "[stderr] ");
  }

  /** Runs {@code command} with {@code sh -c} in {@code dir}, {@code {port}} and $PORT set to {@code port}. */
  public static LaunchedProcess start(String command, Path dir, int port, Duration ready)
      throws IOException, InterruptedException {
    String resolved = command.replace("{port}", String.valueOf(port));
    ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", resolved));
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().put("PORT", String.valueOf(port));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new TargetUnreachableException("cannot start \"" + resolved + "\": " + e.getMessage(), e);
    }
    return awaitPort(resolved, port, process, ready);
  }

  /** Watches {@code process}, started as {@code command}, until {@code port} accepts connections. */
  static LaunchedProcess awaitPort(String command, int port, Process process, Duration ready)
      throws IOException, InterruptedException {
    LaunchedProcess launched = new LaunchedProcess(command, port, process);
    launched.awaitPort(ready);
    return launched;
  }

  public String command() {
    return command;
  }

  public int port() {
    return port;
  }

  public OutputStream stdin() {
    return process.getOutputStream();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** {@code exited with code 1}, or empty while running. */
  public java.util.Optional<String> exit() {
    return process.isAlive() ? java.util.Optional.empty()
        : java.util.Optional.of("exited with code " + process.exitValue());
  }

  /** When the process ended ({@link System#nanoTime()}, noticed within milliseconds), or empty while running. */
  public java.util.OptionalLong exitNanos() {
    long at = exitNanos;
    return at == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(at);
  }

  /** Waits up to {@code within} for the process to end; true if it has. */
  public boolean awaitExit(Duration within) throws InterruptedException {
    return process.waitFor(within.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** A position in the log, for {@link #logSince(long)}. */
  public long logMark() {
    return log.mark();
  }

  /** What it printed since {@code mark}, as far as the bounded tail still holds it. */
  public String logSince(long mark) {
    return log.since(mark);
  }

  /** The last {@code lines} lines of output. */
  public String logTail(int lines) {
    return log.last(lines);
  }

  /** Every byte it printed, kept or not. */
  public long outputBytes() {
    return log.bytes();
  }

  private void awaitPort(Duration ready) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + ready.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        awaitOutput(); // the last words are often the reason
        throw new TargetUnreachableException("\"" + command + "\" " + exit().orElse("ended")
            + " before port " + port + " accepted connections; its output:\n" + logTail(20));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        // a port has no "ready" event to wait for: poll it, bounded by the deadline
        Thread.sleep(PORT_POLL_MILLIS);
      }
    }
    close();
    awaitOutput();
    throw new TargetUnreachableException("\"" + command + "\" did not accept connections on port " + port
        + " within " + ready.toSeconds() + " s (is --port-ready right?); its output:\n" + logTail(20));
  }

  private void pump(InputStream stream, String prefix) {
    Thread pump = new Thread(() -> log.pump(stream, prefix), "server-output");
    pump.setDaemon(true);
    pumps.add(pump);
    pump.start();
  }

  /** Waits, at most {@link #LAST_WORDS} in all, until what the ended process printed has been read to its end. */
  private void awaitOutput() throws InterruptedException {
    long deadline = System.nanoTime() + LAST_WORDS.toNanos();
    for (Thread pump : pumps) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left > 0) {
        pump.join(left);
      }
    }
  }

  /** SIGTERM, up to 5 s for a clean exit, then SIGKILL. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // stdin already closed
    }
    // sh may stay the parent of the real server: signal the whole tree, children first
    List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException stillAlive) {
        // killed below
      }
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}

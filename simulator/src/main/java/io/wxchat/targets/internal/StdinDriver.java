package io.wxchat.targets.internal;

import io.wxchat.targets.OperatorDriver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Types operator lines into a launched server's stdin, as a human at its console would (seed 002). */
public final class StdinDriver implements OperatorDriver {
  private final OutputStream stdin;
  private final String command;

  public StdinDriver(OutputStream stdin, String command) {
    this.stdin = stdin;
    this.command = command;
  }

  @Override
  public String describe() {
    return "stdin of " + command;
  }

  @Override
  public void say(String line) throws IOException {
    synchronized (stdin) {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    }
  }

  /** Writes {@code lastLine} without a newline, then closes stdin (end of input). */
  @Override
  public void end(String lastLine) throws IOException {
    synchronized (stdin) {
      stdin.write(lastLine.getBytes(StandardCharsets.UTF_8));
      stdin.close();
    }
  }
}

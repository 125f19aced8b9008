package io.wxchat.server.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds a shutdown: started by the shutdown hook, it ends the process after {@code millis} if closing
 * the clients has not (a heap near its end can make the closes crawl). Created at start, so that
 * starting it needs no memory the hook might not have.
 */
final class ShutdownDeadline {
  private final Thread thread;

  ShutdownDeadline(long millis, int exitCode) {
    byte[] line = ("reference-server: clients not closed within " + millis + " ms of the stop signal;"
        + " exiting without waiting for the rest\n").getBytes(StandardCharsets.UTF_8);
    FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
    thread = new Thread(() -> {
      try {
        Thread.sleep(millis); // the deadline itself, not a wait for a condition
      } catch (InterruptedException e) {
        return; // the shutdown finished in time
      }
      try {
        stderr.write(line);
        stderr.flush();
      } catch (IOException ignored) {
        // exit anyway
      }
      Runtime.getRuntime().halt(exitCode);
    }, "wxchat-shutdown-deadline");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }
}

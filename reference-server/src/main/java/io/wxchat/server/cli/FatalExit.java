package io.wxchat.server.cli;

import io.wxchat.server.internal.FatalErrors;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Ends the process on an error the server cannot go on after (out of memory, anywhere), with one line
 * on stderr and exit code {@value #CODE}, instead of living on with a dead listener. The JVM's own
 * {@code -XX:+ExitOnOutOfMemoryError} would do it, but a {@code java -jar} cannot set it for itself.
 * What it prints under memory pressure is prepared in advance.
 */
final class FatalExit {
  static final int CODE = 3;
  private static final String ADVICE = "; exiting with " + CODE + " so that a supervisor can restart the server"
      + " (give it more heap with java -Xmx..., or lower --max-connections)\n";
  private static final byte[] PREPARED = ("reference-server: fatal JVM error (out of memory?)" + ADVICE)
      .getBytes(StandardCharsets.UTF_8);
  private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);

  private FatalExit() {
  }

  static void install() {
    FatalErrors.handleWith(FatalExit::exit);
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
      if (error instanceof VirtualMachineError) {
        exit(error);
      }
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      error.printStackTrace();
    });
  }

  static void exit(Throwable error) {
    try {
      byte[] line;
      try {
        line = ("reference-server: " + error + ADVICE).getBytes(StandardCharsets.UTF_8);
      } catch (VirtualMachineError stillShort) {
        line = PREPARED;
      }
      STDERR.write(line);
      STDERR.flush();
    } catch (IOException | VirtualMachineError ignored) {
      // exit anyway
    } finally {
      Runtime.getRuntime().halt(CODE);
    }
  }
}

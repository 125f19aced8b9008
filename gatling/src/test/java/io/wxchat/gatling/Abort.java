package io.wxchat.gatling;

import io.wxchat.scenario.ScenarioException;
import io.wxchat.targets.TargetUnreachableException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stops a simulation before any user is injected, with one line: {@code LoadTarget target =
 * Abort.unless(LoadTarget::fromProperties);}. Exit 3 is the harness's "target unreachable"; bad input
 * exits 1, not the harness's 2, because Gatling's runners read 2 as "assertions failed".
 */
final class Abort {
  static final int USAGE = 1;
  static final int UNREACHABLE = 3;
  /** Servers started for the run: an abort stops them, since halting the JVM runs no after(). */
  private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();

  private Abort() {
  }

  /** What a simulation prepares before injecting users. */
  interface Setup<T> {
    T get() throws Exception;
  }

  /** The value, or the process ends with the problem's one line. */
  static <T> T unless(Setup<T> setup) {
    try {
      return setup.get();
    } catch (TargetUnreachableException e) {
      throw exit(UNREACHABLE, e.getMessage());
    } catch (ScenarioException | IllegalArgumentException | IllegalStateException e) {
      throw exit(USAGE, e.getMessage());
    } catch (Exception e) {
      throw exit(USAGE, e.toString());
    }
  }

  /** {@code server} is stopped if the run aborts before its simulation's {@code after()}. */
  static synchronized void closeOnExit(AutoCloseable server) {
    STARTED.push(server);
  }

  static RuntimeException exit(int code, String line) {
    System.out.flush();
    System.err.println("wxchat-gatling: " + line);
    System.err.flush();
    synchronized (Abort.class) {
      for (AutoCloseable server : STARTED) {
        try {
          server.close();
        } catch (Exception e) {
          System.err.println("wxchat-gatling: could not stop " + server + ": " + e);
        }
      }
    }
    // Gatling turns an exception thrown here into a stack trace; the line above is the whole story
    Runtime.getRuntime().halt(code);
    return new IllegalStateException(line);
  }
}

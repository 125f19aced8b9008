package io.wxchat.server.internal;

import java.util.function.Consumer;

/**
 * Where an error the server cannot go on after (the heap or the stack exhausted) is reported.
 * Java-WebSocket catches such an error on its worker threads, stops the server and tells
 * {@code onError}; on the selector thread it ends the thread. Either way the listener is gone while
 * the process lives on, refusing every client. Embedded in a test JVM the server only stops (the
 * default); the command line ({@code ServerCommand}) installs a handler that ends the process, so a
 * supervisor can restart it.
 */
public final class FatalErrors {
  private static volatile Consumer<Throwable> handler = error -> { };

  private FatalErrors() {
  }

  /** Sets what happens on a fatal error; the command line ends the process. */
  public static void handleWith(Consumer<Throwable> fatal) {
    handler = fatal;
  }

  /** Reports {@code error} if it, or one of its causes, is a {@link VirtualMachineError}; true if so. */
  static boolean reportIfFatal(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof VirtualMachineError fatal) {
        handler.accept(fatal);
        return true;
      }
    }
    return false;
  }
}

package io.wxchat.targets;

import java.io.IOException;

/** Types a line on the server's operator console, however that console is reached. */
public interface OperatorDriver {
  /** How it reaches the console, for reports: {@code stdin of node server.js}. */
  String describe();

  void say(String line) throws IOException;

  /**
   * The console's input ends after {@code lastLine}, typed without a newline (empty: none), as when
   * stdin closes: {@code end("再见")}. A driver without such an end says so.
   */
  default void end(String lastLine) throws IOException {
    throw new UnsupportedOperationException(describe() + " cannot end the console's input");
  }
}

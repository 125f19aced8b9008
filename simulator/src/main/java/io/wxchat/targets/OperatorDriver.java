package io.wxchat.targets;

import java.io.IOException;

/** Types a line on the server's operator console, however that console is reached. */
public interface OperatorDriver {
  /** How it reaches the console, for reports: {@code stdin of node server.js}. */
  String describe();

  void say(String line) throws IOException;
}

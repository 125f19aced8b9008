package io.wxchat.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two server profiles of docs/PROTOCOL.md: the operator chat (seed 002) and the echo (seed 000). */
public enum Mode {
  /** Auto-replies until a human operator speaks, then relays the operator's lines (rules O1-O9). */
  OPERATOR,
  /** Answers every text with {@code 服务器回复:<text>} and a timestamp (rules E1-E3). */
  ECHO;

  /** The lower-case name used on the command line and in scenario files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code operator} or {@code echo}; anything else names the valid choices. */
  public static Mode parse(String text) {
    for (Mode mode : values()) {
      if (mode.id().equalsIgnoreCase(text.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode \"" + text + "\"; expected one of "
        + Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", ", "[", "]")));
  }
}

package io.wxchat.targets;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the simulator reaches a server's operator console. */
public enum OperatorMode {
  /** Lines go to the launched server's stdin (seed 002's console). */
  STDIN,
  /** Lines go over the reference server's operator channel (needs its token). */
  CHANNEL,
  /** No operator: cases that need one are UNIMPLEMENTED. */
  NONE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OperatorMode parse(String text) {
    for (OperatorMode mode : values()) {
      if (mode.id().equalsIgnoreCase(text.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown operator driver \"" + text + "\"; expected one of "
        + Arrays.stream(values()).map(OperatorMode::id).collect(Collectors.joining(", ", "[", "]")));
  }
}

package io.wxchat.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a scenario needs of the target beyond a WebSocket URL. */
public enum Requirement {
  /** An operator driver (stdin of a launched server, or the reference operator channel). */
  OPERATOR,
  /** A server nobody has spoken to as operator yet (offline, rule O3). */
  FRESH,
  /**
   * To run alone, after the rest: the case sends malformed input that may crash a careless server,
   * so no other case shares the server while it runs.
   */
  ISOLATED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Requirement parse(String text) {
    for (Requirement requirement : values()) {
      if (requirement.id().equalsIgnoreCase(text.trim())) {
        return requirement;
      }
    }
    throw new IllegalArgumentException("unknown requirement \"" + text + "\"; expected one of "
        + Arrays.stream(values()).map(Requirement::id).collect(Collectors.joining(", ", "[", "]")));
  }
}

package io.wxchat.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which server profile of docs/PROTOCOL.md a scenario applies to. */
public enum Profile {
  /** Section 3: auto-replies until the operator speaks. */
  OPERATOR,
  /** Section 4: {@code 服务器回复:<text>} with a timestamp. */
  ECHO;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Profile parse(String text) {
    for (Profile profile : values()) {
      if (profile.id().equalsIgnoreCase(text.trim())) {
        return profile;
      }
    }
    throw new IllegalArgumentException("unknown profile \"" + text + "\"; expected one of "
        + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ", "[", "]")));
  }
}

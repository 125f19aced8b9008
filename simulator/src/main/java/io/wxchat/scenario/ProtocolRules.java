package io.wxchat.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule ids {@code docs/PROTOCOL.md} defines ({@code | **O3** | ...} rows), read from the copy the
 * build puts in the jar, so a new rule in the document is known without a code change.
 */
final class ProtocolRules {
  static final String RESOURCE = "/wxchat/PROTOCOL.md";
  private static final Pattern ROW = Pattern.compile("(?m)^\\|\\s*\\*\\*([A-Z]+\\d+)\\*\\*\\s*\\|");
  private static final List<String> DEFINED = read();

  private ProtocolRules() {
  }

  /** In document order; empty when the jar carries no copy of the document. */
  static List<String> defined() {
    return DEFINED;
  }

  static List<String> parse(String markdown) {
    List<String> ids = new ArrayList<>();
    Matcher row = ROW.matcher(markdown);
    while (row.find()) {
      ids.add(row.group(1));
    }
    return List.copyOf(ids);
  }

  private static List<String> read() {
    try (InputStream in = ProtocolRules.class.getResourceAsStream(RESOURCE)) {
      return in == null ? List.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the simulator jar", e);
    }
  }
}

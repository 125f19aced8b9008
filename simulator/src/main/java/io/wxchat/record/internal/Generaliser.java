package io.wxchat.record.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wxchat.scenario.DateStyle;
import io.wxchat.scenario.Matcher;
import io.wxchat.scenario.Matchers;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a recorded server frame into the matcher a replay checks it with: a documented {@code date}
 * or {@code timestamp} becomes {@code dateFormat}, every other JSON string field stays exact, a
 * frame that is not a JSON object keeps {@code equalTo}. Counts what it generalised.
 */
public final class Generaliser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CLOCK_FIELDS = Set.of("date", "timestamp", "time");
  private final Map<String, Integer> generalised = new TreeMap<>();

  public Matcher matcherFor(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException notJson) {
      return Matchers.equalTo(text);
    }
    if (node == null || !node.isObject()) {
      return Matchers.equalTo(text);
    }
    return object(node, "");
  }

  private Matcher object(JsonNode node, String where) {
    Map<String, Matcher> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      fields.put(field.getKey(), field(field.getKey(), field.getValue(), where + "/" + field.getKey()));
    }
    return new Matcher.JsonExactly(fields);
  }

  private Matcher field(String name, JsonNode value, String where) {
    if (value.isObject()) {
      return object(value, where);
    }
    if (CLOCK_FIELDS.contains(name) && value.isTextual()) {
      for (DateStyle style : DateStyle.values()) {
        if (style.writes(value.asText())) { // the format, not the clock: the recording is from the past
          count("\"" + name + "\" -> {dateFormat: " + style.id() + "}");
          return Matchers.date(style);
        }
      }
    }
    if (value.isTextual()) {
      return Matchers.equalTo(value.asText());
    }
    // the matchers compare texts: a number, flag or array is kept as present, not compared
    count("\"" + name + "\" (" + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ") -> {any: true}");
    return Matchers.any();
  }

  private void count(String what) {
    generalised.merge(what, 1, Integer::sum);
  }

  /** {@code 3x "date" -> {dateFormat: operator}}, one entry per kind. */
  public Map<String, Integer> generalised() {
    return Map.copyOf(generalised);
  }
}

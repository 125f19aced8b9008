package io.wxchat.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text payloads made comparable across servers: in JSON, dates and times (fields named like
 * {@code date} or {@code timestamp}, or values that look like one) become a placeholder, and field
 * order is ignored, so two servers answering a second apart do not "diverge".
 */
final class VolatileFields {
  static final String PLACEHOLDER = "<time>";
  private static final Pattern VOLATILE_NAME =
      Pattern.compile("(?i)date|time|timestamp|ts|datetime|.*(_at|At|Date|Time|stamp)");
  private static final List<Pattern> DATE_VALUES = List.of(
      Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,4}.*"),
      Pattern.compile("\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}.*"),
      Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?([ \\u202f]?[AaPp][Mm])?"));

  private static final Pattern ADDRESS = Pattern.compile("(?i)\\b(wss?|https?)://[^/\\s]+");

  private VolatileFields() {
  }

  /** {@code GET http://127.0.0.1:40321/x} becomes {@code GET <server>/x}: targets listen on other ports. */
  static String withoutAddress(String text) {
    return text == null ? "" : ADDRESS.matcher(text).replaceAll("<server>");
  }

  /** The payload with volatile values replaced, or unchanged when it is not a JSON object or array. */
  static String normalize(String payload) {
    if (payload == null || payload.isEmpty() || !(payload.charAt(0) == '{' || payload.charAt(0) == '[')) {
      return payload == null ? "" : payload;
    }
    try {
      JsonNode tree = Json.MAPPER.readTree(payload);
      return tree == null ? payload : normalize(tree).toString();
    } catch (JsonProcessingException notJson) {
      return payload;
    }
  }

  private static JsonNode normalize(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = Json.object();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      for (String name : names) {
        JsonNode value = node.get(name);
        boolean volatileValue = VOLATILE_NAME.matcher(name).matches() && (value.isTextual() || value.isNumber());
        sorted.set(name, volatileValue ? TextNode.valueOf(PLACEHOLDER) : normalize(value));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      node.forEach(element -> array.add(normalize(element)));
      return array;
    }
    if (node.isTextual() && DATE_VALUES.stream().anyMatch(p -> p.matcher(node.asText()).matches())) {
      return TextNode.valueOf(PLACEHOLDER);
    }
    return node;
  }
}

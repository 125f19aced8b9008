package io.wxchat.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A scenario file's text before it becomes a {@link Scenario}: catches what Jackson would report in
 * Java terms (an empty file, a list instead of a mapping, a typo at the top, a missing id) and
 * finds the line of any key, so every message names the file's own keys at their own line.
 */
final class ScenarioText {
  /** The scenario's keys in the order a file writes them; the first five are required. */
  static final List<String> KEYS = List.of("id", "title", "expectation", "rules", "steps", "tags", "profiles",
      "requires", "informational", "timeout");
  private static final List<String> REQUIRED = KEYS.subList(0, 5);
  private static final String SHAPE = "a mapping with id, title, expectation, rules and steps";

  private final ObjectMapper yaml;
  private final String text;
  private final String source;

  ScenarioText(ObjectMapper yaml, String text, String source) {
    this.yaml = yaml;
    this.text = text;
    this.source = source;
  }

  /** Throws a {@link ScenarioException} for a file that is not even the outline of a scenario. */
  void checkOutline() {
    JsonNode tree;
    try {
      tree = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw notYaml(e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ScenarioException(source, 1, "empty file; expected a scenario: " + SHAPE);
    }
    if (!tree.isObject()) {
      String what = tree.isArray() ? "a list" : "a single value (" + abbreviate(tree.asText()) + ")";
      throw new ScenarioException(source, 1, "not a scenario: the file holds " + what + "; expected " + SHAPE);
    }
    for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new ScenarioException(source, lineOf("/" + name),
            "unknown field \"" + name + "\" in the scenario; expected one of " + KEYS.stream().sorted().toList());
      }
    }
    for (String key : REQUIRED) {
      if (!tree.has(key)) {
        throw new ScenarioException(source, 1, "missing \"" + key + "\"; a scenario is " + SHAPE);
      }
    }
  }

  /** Throws if a rule is not one {@code docs/PROTOCOL.md} defines. */
  void checkRules(Scenario scenario, List<String> defined) {
    if (defined.isEmpty()) {
      return; // no copy of the protocol on the classpath: nothing to check against
    }
    for (int i = 0; i < scenario.rules().size(); i++) {
      String rule = scenario.rules().get(i);
      if (!defined.contains(rule)) {
        int line = lineOf("/rules/" + i);
        throw new ScenarioException(source, line > 0 ? line : lineOf("/rules"),
            "rule \"" + rule + "\" is not defined in docs/PROTOCOL.md; expected one of " + defined);
      }
    }
  }

  /** The 1-based line where {@code pointer} (a JSON pointer like {@code /steps/1/text}) starts, or 0. */
  int lineOf(String pointer) {
    if (pointer.isEmpty()) {
      return 1;
    }
    try (JsonParser parser = yaml.getFactory().createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        JsonStreamContext context = parser.getParsingContext();
        if (token.isStructStart()) {
          context = context.getParent(); // the container itself sits at its parent's pointer
        }
        if (context != null && context.pathAsPointer().toString().equals(pointer)) {
          return parser.currentTokenLocation().getLineNr();
        }
      }
    } catch (IOException unreadable) {
      return 0;
    }
    return 0;
  }

  /** How a file names a type: {@code the scenario}, {@code silence}, {@code Matcher}. */
  static String kind(Class<?> type) {
    if (type == Scenario.class) {
      return "the scenario";
    }
    for (JsonSubTypes.Type sub : Step.class.getAnnotation(JsonSubTypes.class).value()) {
      if (sub.value() == type) {
        return sub.name();
      }
    }
    return type.getSimpleName();
  }

  /** The keys a file writes for a record ({@code for}, not the Java component {@code quiet}), sorted. */
  static List<String> fileKeys(Class<?> type) {
    if (type == Scenario.class) {
      return KEYS.stream().sorted().toList();
    }
    if (!type.isRecord()) {
      return List.of();
    }
    return Arrays.stream(type.getRecordComponents())
        // @JsonProperty lands on the accessor, not on the component (its targets exclude RECORD_COMPONENT)
        .map(c -> c.getAccessor().isAnnotationPresent(JsonProperty.class)
            ? c.getAccessor().getAnnotation(JsonProperty.class).value() : c.getName())
        .sorted().toList();
  }

  /** Replaces Java component names in a Jackson message by the file's keys. */
  static List<String> fileKeys(Class<?> type, java.util.Collection<Object> known) {
    List<String> keys = fileKeys(type);
    if (!keys.isEmpty()) {
      return keys;
    }
    List<String> names = new ArrayList<>();
    known.forEach(k -> names.add(String.valueOf(k)));
    return names.stream().sorted().toList();
  }

  /** The top-level key a scenario rule's message is about ({@code id must look like ...} is about {@code id}). */
  static java.util.Optional<String> keyNamedIn(String problem) {
    for (String key : KEYS) {
      String singular = key.endsWith("s") ? key.substring(0, key.length() - 1) : key;
      if (java.util.regex.Pattern.compile("\\b(" + key + "|" + singular + ")\\b").matcher(problem).find()) {
        return java.util.Optional.of(key);
      }
    }
    return java.util.Optional.empty();
  }

  /** Jackson's wording for a wrong value type, said in the file's terms; empty if it is another message. */
  static java.util.Optional<String> plain(String message) {
    java.util.regex.Matcher wrong = java.util.regex.Pattern
        .compile("Cannot deserialize value of type `(int|long|boolean|java\\.lang\\.Integer|java\\.lang\\.Boolean)`"
            + " from String (\"[^\"]*\")").matcher(message);
    if (wrong.find()) {
      String expected = wrong.group(1).toLowerCase(java.util.Locale.ROOT).contains("bool") ? "true or false"
          : "a whole number";
      return java.util.Optional.of("expected " + expected + ", got " + wrong.group(2));
    }
    if (message.contains("As.WRAPPER_OBJECT type information for class io.wxchat.scenario.Step")) {
      return java.util.Optional.of("a step is a one-key mapping such as \"- connect: alice\" or"
          + " \"- send: {client: alice, text: hi}\"; expected one of " + Step.KINDS);
    }
    return java.util.Optional.empty();
  }

  private ScenarioException notYaml(JsonProcessingException e) {
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
      String key = e.getOriginalMessage().replaceAll("^Duplicate field '(.*)'.*$", "$1");
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return new ScenarioException(source, line, "duplicate key \"" + key + "\"; a key appears once in a mapping");
    }
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      int line = marked.getProblemMark().getLine() + 1;
      int column = marked.getProblemMark().getColumn() + 1;
      String problem = String.valueOf(marked.getProblem());
      if (problem.contains("\\t") || problem.contains("TAB")) {
        return new ScenarioException(source, line, "a tab at column " + column + "; YAML indents with spaces only");
      }
      String context = marked.getContext() == null ? "" : marked.getContext()
          + (marked.getContextMark() == null ? "" : " at line " + (marked.getContextMark().getLine() + 1));
      return new ScenarioException(source, line, "not valid YAML at column " + column + ": " + problem
          + (context.isEmpty() ? "" : " (" + context + ")")
          + "; check the indentation: keys of one mapping and items of one list start in the same column");
    }
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    return new ScenarioException(source, line, "not valid YAML or JSON: " + e.getOriginalMessage());
  }

  private static String abbreviate(String value) {
    String one = value.replaceAll("\\s+", " ").trim();
    return "\"" + (one.length() > 40 ? one.substring(0, 40) + "..." : one) + "\"";
  }
}

package io.wxchat.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and writes scenario files: YAML ({@code .yaml}, {@code .yml}, with comments) or JSON
 * ({@code .json}). A bad file gets a {@link ScenarioException} with file, line, what is wrong and
 * what is allowed.
 */
public final class ScenarioFiles {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");
  private static final ObjectMapper YAML = configure(YAMLMapper.builder(
      YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID).build()).build());
  private static final ObjectMapper JSON = configure(JsonMapper.builder().build())
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ScenarioFiles() {
  }

  /** Reads one file. */
  public static Scenario load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ScenarioException(file.toString(), 0, "cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Parses YAML or JSON text (JSON is YAML too); {@code source} names it in errors. */
  public static Scenario parse(String text, String source) {
    ScenarioText file = new ScenarioText(YAML, text, source);
    file.checkOutline();
    Scenario scenario;
    try {
      scenario = YAML.readValue(text, Scenario.class);
    } catch (JsonProcessingException e) {
      throw explain(e, source, text, file);
    }
    file.checkRules(scenario, ProtocolRules.defined());
    return scenario;
  }

  /**
   * Every scenario file under {@code root} (a file or a folder), sorted by id; {@code *.schema.json}
   * is skipped. Two files with one id are an error naming both.
   */
  public static List<Scenario> loadAll(Path root) {
    List<Path> files = scenarioFiles(root);
    List<Scenario> scenarios = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path file : files) {
      Scenario scenario = load(file);
      Path earlier = seen.putIfAbsent(scenario.id(), file);
      if (earlier != null) {
        throw new ScenarioException(file.toString(), 0, "id \"" + scenario.id() + "\" is already used by " + earlier);
      }
      scenarios.add(scenario);
    }
    scenarios.sort(Comparator.comparing(Scenario::id, ScenarioFiles::compareIds));
    return scenarios;
  }

  /** The file under {@code root} (a file or a folder) that holds case {@code id}, for errors that name it. */
  public static java.util.Optional<Path> fileOf(Path root, String id) {
    for (Path file : scenarioFiles(root)) {
      try {
        if (load(file).id().equals(id)) {
          return java.util.Optional.of(file);
        }
      } catch (RuntimeException unreadable) {
        // a file that does not load holds no case
      }
    }
    return java.util.Optional.empty();
  }

  /** The files {@link #loadAll} reads, sorted by path. */
  public static List<Path> scenarioFiles(Path root) {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    if (!Files.isDirectory(root)) {
      throw new ScenarioException(root.toString(), 0, "no such file or folder");
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
                && !name.endsWith(".schema.json");
          })
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  public static String toJson(Scenario scenario) {
    try {
      return JSON.writeValueAsString(scenario);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write scenario " + scenario.id(), e);
    }
  }

  public static String toYaml(Scenario scenario) {
    try {
      return YAML.writeValueAsString(scenario);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write scenario " + scenario.id(), e);
    }
  }

  /** Orders {@code operator.2.10} after {@code operator.2.9}. */
  static int compareIds(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      int order = left[i].matches("\\d+") && right[i].matches("\\d+")
          ? Integer.compare(Integer.parseInt(left[i]), Integer.parseInt(right[i]))
          : left[i].compareTo(right[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  /** {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, or a number of milliseconds. */
  public static Duration parseDuration(String text) {
    Matcher match = DURATION.matcher(text.trim());
    if (match.matches()) {
      double amount = Double.parseDouble(match.group(1));
      double millis = switch (match.group(2)) {
        case "ms" -> amount;
        case "s" -> amount * 1_000;
        default -> amount * 60_000;
      };
      return Duration.ofMillis(Math.round(millis));
    }
    if (text.trim().matches("\\d+")) {
      return Duration.ofMillis(Long.parseLong(text.trim()));
    }
    throw new IllegalArgumentException("not a duration: \"" + text + "\"; write it like 500ms, 2s, 1.5s or 1m");
  }

  public static String formatDuration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    SimpleModule durations = new SimpleModule("wxchat-durations");
    durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        try {
          return parseDuration(parser.getValueAsString(parser.getText()));
        } catch (IllegalArgumentException e) {
          throw JsonMappingException.from(parser, e.getMessage(), e);
        }
      }
    });
    // a scalar serializer also knows how to wrap a type id around the value ({wait: 200ms})
    durations.addSerializer(Duration.class, new StdScalarSerializer<>(Duration.class) {
      private static final long serialVersionUID = 1L;

      @Override
      public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(formatDuration(value));
      }
    });
    return mapper.registerModule(durations)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // YAML would keep the last of two titles
  }

  private static ScenarioException explain(JsonProcessingException e, String source, String text, ScenarioText file) {
    JsonLocation where = e.getLocation();
    int line = where == null ? 0 : where.getLineNr();
    String at = e instanceof JsonMappingException mapping ? pointer(mapping) : "";
    if (!at.isEmpty() && file.lineOf(at) > 0) {
      line = file.lineOf(at); // Jackson's location is where it stopped reading, often lines later
    }
    String problem;
    if (e instanceof InvalidTypeIdException unknown) {
      boolean step = unknown.getBaseType() != null && unknown.getBaseType().getRawClass() == Step.class;
      problem = step
          ? "unknown step \"" + unknown.getTypeId() + "\"; expected one of " + Step.KINDS
          : "unknown matcher \"" + unknown.getTypeId() + "\"; expected one of "
              + "[equalTo, contains, matches, json, jsonExactly, dateFormat, any]";
    } else if (e instanceof UnrecognizedPropertyException unknown) {
      problem = "unknown field \"" + unknown.getPropertyName() + "\" in " + kind(unknown.getReferringClass())
          + "; expected one of " + ScenarioText.fileKeys(unknown.getReferringClass(), unknown.getKnownPropertyIds());
      int own = file.lineOf(at.endsWith("/" + unknown.getPropertyName()) ? at : at + "/" + unknown.getPropertyName());
      line = own > 0 ? own : line;
    } else if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
      // Jackson builds a record before it looks at unknown fields: a misspelt field shows up as a
      // missing one. Name the misspelling, which is the real mistake.
      problem = unknownFieldIn(invalid, at, text).orElse(invalid.getCause().getMessage());
      java.util.regex.Matcher name = Pattern.compile("^unknown field \"([^\"]*)\"").matcher(problem);
      int own = name.find() ? file.lineOf(at + "/" + name.group(1)) : 0;
      line = own > 0 ? own : line;
    } else {
      problem = ScenarioText.plain(e.getOriginalMessage()).orElse(e.getOriginalMessage()
          .replaceAll("\\(class [^)]*\\)", "")
          .replaceAll("`io\\.wxchat\\.scenario\\.([A-Za-z$]+)`", "$1")
          .replace("Step$", "step ").replace("Matcher$", "matcher "));
    }
    if (at.isEmpty()) {
      // a rule of the whole scenario (Scenario's constructor): name the key it is about, at its line
      java.util.Optional<String> key = ScenarioText.keyNamedIn(problem);
      if (key.isPresent()) {
        at = "/" + key.get();
        line = Math.max(file.lineOf(at), 1);
      }
    }
    return new ScenarioException(source, line, (at.isEmpty() ? "" : "at " + at + ": ") + problem);
  }

  private static java.util.Optional<String> unknownFieldIn(ValueInstantiationException e, String at, String text) {
    Class<?> type = e.getType().getRawClass();
    if (!type.isRecord() || type == Step.Fault.class) { // a fault step names its own unknown fields
      return java.util.Optional.empty();
    }
    JsonNode node;
    try {
      node = YAML.readTree(text).at(at);
    } catch (IOException unreadable) {
      return java.util.Optional.empty();
    }
    if (node.isObject() && node.size() == 1 && !node.fields().next().getValue().isValueNode()
        && Step.class.isAssignableFrom(type)) {
      node = node.elements().next(); // the one-key wrapper {send: {...}}
    }
    if (!node.isObject()) {
      return java.util.Optional.empty();
    }
    List<String> known = ScenarioText.fileKeys(type);
    for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        return java.util.Optional.of("unknown field \"" + name + "\" in " + kind(type) + "; expected one of " + known);
      }
    }
    return java.util.Optional.empty();
  }

  private static String kind(Class<?> type) {
    return ScenarioText.kind(type);
  }

  private static String pointer(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      path.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    return path.toString();
  }
}

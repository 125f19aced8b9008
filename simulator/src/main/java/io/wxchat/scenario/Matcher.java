package io.wxchat.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A check on one received message (a whole text frame) or on one JSON field of it. In files a
 * matcher is a one-key object named by its operator: {@code {equalTo: "..."}}, {@code {json: {...}}}.
 * See {@link Matchers} for the Java face.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Matcher.EqualTo.class, name = "equalTo"),
    @JsonSubTypes.Type(value = Matcher.Contains.class, name = "contains"),
    @JsonSubTypes.Type(value = Matcher.Matches.class, name = "matches"),
    @JsonSubTypes.Type(value = Matcher.Json.class, name = "json"),
    @JsonSubTypes.Type(value = Matcher.JsonExactly.class, name = "jsonExactly"),
    @JsonSubTypes.Type(value = Matcher.DateFormat.class, name = "dateFormat"),
    @JsonSubTypes.Type(value = Matcher.Any.class, name = "any")})
public sealed interface Matcher {
  /**
   * Judges {@code value} (a text node for a whole frame) found at JSON pointer {@code where};
   * {@code received} is the clock at the moment the frame arrived, which a date is compared with:
   * {@code match(TextNode.valueOf(frame), "", Clock.fixed(arrival, ZoneId.systemDefault()))}.
   */
  MatchResult match(JsonNode value, String where, Clock received);

  /** {@link #match(JsonNode, String, Clock)} for a frame that has just arrived. */
  default MatchResult match(JsonNode value, String where) {
    return match(value, where, Clock.systemDefaultZone());
  }

  /** How the expectation reads in a report: {@code {"content":"..."} (other fields ignored)}. */
  String describe();

  /**
   * Exactly this text. Texts that differ only in character width or white space (a full-width
   * colon, a doubled space) are NON_STRICT: they work, but are not the documented bytes.
   */
  record EqualTo(String text) implements Matcher {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public EqualTo {
      Objects.requireNonNull(text, "equalTo needs a text");
    }

    @JsonValue
    @Override
    public String text() {
      return text;
    }

    @Override
    public MatchResult match(JsonNode value, String where, Clock received) {
      if (!value.isTextual()) {
        return MatchResult.fail(at(where) + "expected the string " + quote(text) + ", got " + value);
      }
      String actual = value.asText();
      if (actual.equals(text)) {
        return MatchResult.pass();
      }
      if (normalized(actual).equals(normalized(text))) {
        return MatchResult.nonStrict(at(where) + quote(actual) + " differs from the documented "
            + quote(text) + " only in character width or white space");
      }
      return MatchResult.fail(at(where) + "differs: expected " + quote(text) + ", got " + quote(actual));
    }

    @Override
    public String describe() {
      return quote(text);
    }

    // Full-width ASCII (U+FF01-U+FF5E) and the ideographic space read as their half-width forms;
    // nothing else is folded (NFKC would also take "…" for "...", which is another text).
    private static String normalized(String text) {
      StringBuilder folded = new StringBuilder(text.length());
      text.codePoints().forEach(c -> folded.appendCodePoint(c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c == 0x3000 ? ' ' : c));
      return folded.toString().replaceAll("\\s+", " ").strip();
    }
  }

  /** A text that contains this part. */
  record Contains(String part) implements Matcher {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Contains {
      Objects.requireNonNull(part, "contains needs a text");
    }

    @JsonValue
    @Override
    public String part() {
      return part;
    }

    @Override
    public MatchResult match(JsonNode value, String where, Clock received) {
      return value.isTextual() && value.asText().contains(part)
          ? MatchResult.pass()
          : MatchResult.fail(at(where) + "expected a string containing " + quote(part) + ", got " + value);
    }

    @Override
    public String describe() {
      return "a text containing " + quote(part);
    }
  }

  /** A text matched as a whole by this regular expression. */
  record Matches(String regex) implements Matcher {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Matches {
      Objects.requireNonNull(regex, "matches needs a regular expression");
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("matches: invalid regular expression " + quote(regex) + ": "
            + e.getDescription(), e);
      }
    }

    @JsonValue
    @Override
    public String regex() {
      return regex;
    }

    @Override
    public MatchResult match(JsonNode value, String where, Clock received) {
      return value.isTextual() && Pattern.compile(regex).matcher(value.asText()).matches()
          ? MatchResult.pass()
          : MatchResult.fail(at(where) + "expected a string matching /" + regex + "/, got " + value);
    }

    @Override
    public String describe() {
      return "a text matching /" + regex + "/";
    }
  }

  /** A JSON object whose named fields match; other fields are ignored. */
  @JsonSerialize(using = JsonObjects.FieldsWriter.class)
  record Json(Map<String, Matcher> fields) implements Matcher {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Json {
      fields = orderedCopy(Objects.requireNonNull(fields, "json needs fields"));
    }

    @Override
    public MatchResult match(JsonNode value, String where, Clock received) {
      return JsonObjects.match(fields, value, where, false, received);
    }

    @Override
    public String describe() {
      return JsonObjects.describe(fields) + " (other fields ignored)";
    }
  }

  /** Like {@link Json}, and fields not named here are NON_STRICT (rule O1: exactly these fields). */
  @JsonSerialize(using = JsonObjects.FieldsWriter.class)
  record JsonExactly(Map<String, Matcher> fields) implements Matcher {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public JsonExactly {
      fields = orderedCopy(Objects.requireNonNull(fields, "jsonExactly needs fields"));
    }

    @Override
    public MatchResult match(JsonNode value, String where, Clock received) {
      return JsonObjects.match(fields, value, where, true, received);
    }

    @Override
    public String describe() {
      return JsonObjects.describe(fields) + " (no other fields)";
    }
  }

  /**
   * A date or time in a documented format ({@link DateStyle}); another recognisable date or time is
   * NON_STRICT, anything else fails.
   */
  record DateFormat(DateStyle style) implements Matcher {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DateFormat {
      Objects.requireNonNull(style, "dateFormat needs a style");
    }

    @JsonValue
    @Override
    public DateStyle style() {
      return style;
    }

    @Override
    public MatchResult match(JsonNode value, String where, Clock received) {
      return style.judge(value, where, received);
    }

    @Override
    public String describe() {
      return "a " + style.id() + " date like \"" + style.example() + "\"";
    }
  }

  /** Anything at all (a frame must still arrive, a field must still be present). */
  record Any(boolean any) implements Matcher {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Any {
      if (!any) {
        throw new IllegalArgumentException("any: only \"any: true\" makes sense");
      }
    }

    @JsonValue
    @Override
    public boolean any() {
      return true;
    }

    @Override
    public MatchResult match(JsonNode value, String where, Clock received) {
      return MatchResult.pass();
    }

    @Override
    public String describe() {
      return "anything";
    }
  }

  private static Map<String, Matcher> orderedCopy(Map<String, Matcher> fields) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  private static String at(String where) {
    return where.isEmpty() ? "" : where + " ";
  }

  private static String quote(String text) {
    return JsonObjects.quote(text);
  }

  /** Shared JSON-object logic of {@link Json} and {@link JsonExactly}. */
  final class JsonObjects {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonObjects() {
    }

    /** Writes {@code {json: {field: {matcher: ...}}}}: each field's matcher with its type id. */
    static final class FieldsWriter extends StdSerializer<Matcher> {
      private static final long serialVersionUID = 1L;

      FieldsWriter() {
        super(Matcher.class);
      }

      @Override
      public void serialize(Matcher matcher, JsonGenerator out, SerializerProvider provider) throws IOException {
        serializeWithType(matcher, out, provider, provider.findTypeSerializer(provider.constructType(Matcher.class)));
      }

      @Override
      public void serializeWithType(Matcher matcher, JsonGenerator out, SerializerProvider provider,
                                    TypeSerializer types) throws IOException {
        WritableTypeId id = types.writeTypePrefix(out, types.typeId(matcher, JsonToken.START_OBJECT));
        Map<String, Matcher> fields = matcher instanceof Json json ? json.fields() : ((JsonExactly) matcher).fields();
        for (Map.Entry<String, Matcher> field : fields.entrySet()) {
          out.writeFieldName(field.getKey());
          provider.findTypedValueSerializer(field.getValue().getClass(), true, null)
              .serialize(field.getValue(), out, provider);
        }
        types.writeTypeSuffix(out, id);
      }
    }

    static MatchResult match(Map<String, Matcher> fields, JsonNode value, String where, boolean exactly,
                             Clock received) {
      JsonNode object = value;
      if (value.isTextual() && where.isEmpty()) {
        try {
          object = MAPPER.readTree(value.asText());
        } catch (IOException e) {
          return MatchResult.fail("not JSON: " + quote(shorten(value.asText())));
        }
      }
      if (object == null || !object.isObject()) {
        return MatchResult.fail(at(where) + "expected a JSON object, got " + shorten(String.valueOf(object)));
      }
      MatchResult result = MatchResult.pass();
      for (Map.Entry<String, Matcher> field : fields.entrySet()) {
        String pointer = where + "/" + field.getKey();
        JsonNode found = object.get(field.getKey());
        result = result.and(found == null
            ? MatchResult.fail(pointer + " is missing (fields: " + names(object) + ")")
            : field.getValue().match(found, pointer, received));
      }
      if (exactly) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!fields.containsKey(name)) {
            result = result.and(MatchResult.nonStrict(where + "/" + name + " is not a documented field"));
          }
        }
      }
      return result;
    }

    static String describe(Map<String, Matcher> fields) {
      StringBuilder text = new StringBuilder("{");
      fields.forEach((name, matcher) -> text.append(text.length() > 1 ? "," : "")
          .append(quote(name)).append(':').append(matcher.describe()));
      return text.append('}').toString();
    }

    static String quote(String text) {
      try {
        return MAPPER.writeValueAsString(text);
      } catch (IOException e) {
        return '"' + text + '"';
      }
    }

    private static String names(JsonNode object) {
      StringBuilder names = new StringBuilder();
      object.fieldNames().forEachRemaining(name -> names.append(names.length() > 0 ? ", " : "").append(name));
      return names.length() == 0 ? "none" : names.toString();
    }

    private static String shorten(String text) {
      return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
  }
}

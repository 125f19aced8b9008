package closedloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict, small JSON reader: enough to validate a reply and read its top-level fields. */
final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  static Map<String, Object> parseObject(String text) {
    Json json = new Json(text);
    json.space();
    if (json.peek() != '{') {
      throw json.error("expected '{'");
    }
    Map<String, Object> result = json.object();
    json.space();
    if (json.i != text.length()) {
      throw json.error("trailing text");
    }
    return result;
  }

  private Object value() {
    space();
    char c = peek();
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected " + describe(c));
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    i++;
    space();
    if (peek() == '}') {
      i++;
      return map;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw error("expected a field name");
      }
      String key = string();
      space();
      expect(':');
      map.put(key, value());
      space();
      char c = peek();
      i++;
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    i++;
    space();
    if (peek() == ']') {
      i++;
      return list;
    }
    while (true) {
      list.add(value());
      space();
      char c = peek();
      i++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    i++;
    StringBuilder out = null;
    int start = i;
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i);
      if (c == '"') {
        String tail = s.substring(start, i++);
        return out == null ? tail : out.append(tail).toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder();
      }
      out.append(s, start, i);
      if (i + 1 >= s.length()) {
        throw error("unterminated escape");
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case '"': out.append('"'); break;
        case '\\': out.append('\\'); break;
        case '/': out.append('/'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u':
          if (i + 4 > s.length()) {
            throw error("short \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          i += 4;
          break;
        default:
          throw error("bad escape \\" + e);
      }
      start = i;
    }
  }

  private Object number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else {
      digits();
    }
    if (peek() == '.') {
      i++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      digits();
    }
    return Double.parseDouble(s.substring(start, i));
  }

  private void digits() {
    int start = i;
    while (peek() >= '0' && peek() <= '9') {
      i++;
    }
    if (i == start) {
      throw error("expected a digit");
    }
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, i)) {
      throw error("unexpected " + describe(peek()));
    }
    i += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private void space() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private static String describe(char c) {
    return c == '\0' ? "end of text" : "'" + c + "'";
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + i);
  }
}

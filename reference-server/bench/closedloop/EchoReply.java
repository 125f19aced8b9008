package closedloop;

import java.util.Map;
import java.util.regex.Pattern;

/** The echo profile's reply (docs/PROTOCOL.md): {@code {"content":"服务器回复:"+sent,"timestamp":"11:51:39 PM"}}. */
final class EchoReply {
  static final String PREFIX = "服务器回复:";
  private static final Pattern TIME = Pattern.compile("(1[0-2]|[1-9]):[0-5]\\d:[0-5]\\d (AM|PM)");

  private EchoReply() {
  }

  /** Null when {@code reply} answers {@code sent}, else what is wrong with it. */
  static String check(String sent, String reply) {
    Map<String, Object> object;
    try {
      object = Json.parseObject(reply);
    } catch (IllegalArgumentException e) {
      return "not a JSON object (" + e.getMessage() + "): " + clip(reply);
    }
    if (!(PREFIX + sent).equals(object.get("content"))) {
      return "content differs: expected \"" + PREFIX + sent + "\", got " + clip(reply);
    }
    Object time = object.get("timestamp");
    if (!(time instanceof String) || !TIME.matcher((String) time).matches()) {
      return "timestamp is not like \"11:51:39 PM\": " + clip(reply);
    }
    return null;
  }

  static String clip(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + " chars)";
  }
}

package io.wxchat.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/** Static constructors of {@link Matcher}s: {@code Matchers.json("content", Matchers.equalTo("hi"))}. */
public final class Matchers {
  /** Rule O3's content, byte for byte. */
  public static final String AUTO_REPLY = "[自动回复] : 请等待用户接入回复...";

  private Matchers() {
  }

  public static Matcher equalTo(String text) {
    return new Matcher.EqualTo(text);
  }

  public static Matcher contains(String part) {
    return new Matcher.Contains(part);
  }

  public static Matcher matches(String regex) {
    return new Matcher.Matches(regex);
  }

  public static Matcher date(DateStyle style) {
    return new Matcher.DateFormat(style);
  }

  public static Matcher any() {
    return new Matcher.Any(true);
  }

  /** A JSON object with these fields: name, matcher, name, matcher, ... */
  public static Matcher json(Object... namesAndMatchers) {
    return new Matcher.Json(fields(namesAndMatchers));
  }

  public static Matcher jsonExactly(Object... namesAndMatchers) {
    return new Matcher.JsonExactly(fields(namesAndMatchers));
  }

  /** Rules O1-O3: the auto-reply with a documented date. */
  public static Matcher autoReply() {
    return operatorMessage(AUTO_REPLY);
  }

  /** Rule O1: {@code content} exactly, {@code date} in the O2 format. */
  public static Matcher operatorMessage(String content) {
    return json("content", equalTo(content), "date", date(DateStyle.OPERATOR));
  }

  private static Map<String, Matcher> fields(Object... namesAndMatchers) {
    if (namesAndMatchers.length % 2 != 0) {
      throw new IllegalArgumentException("json needs pairs of field name and matcher");
    }
    Map<String, Matcher> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndMatchers.length; i += 2) {
      fields.put((String) namesAndMatchers[i], (Matcher) namesAndMatchers[i + 1]);
    }
    return fields;
  }
}

package io.wxchat.record.internal;

import io.wxchat.scenario.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of recordings: {@code token=...} in any text, the Authorization and Cookie
 * headers, and whatever {@code --mask REGEX} matches become a variable reference such as
 * {@code {TOKEN}} (see {@link Variables}), which a replay fills from {@code --var} or the
 * environment. One value is one variable wherever it appears; two values of one kind are
 * {@code TOKEN} and {@code TOKEN_2}. Notes where it found each.
 */
public final class Masks {
  private static final Pattern TOKEN = Pattern.compile("(?i)(token=)([^&\\s\"'#]+)");
  private static final Map<String, String> SECRET_HEADERS = Map.of("authorization", "AUTHORIZATION",
      "proxy-authorization", "PROXY_AUTHORIZATION", "cookie", "COOKIE");
  /** {@code Bearer abc}: the scheme is no secret and stays readable. */
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9._~+-]*) +(\\S.*)");
  /** A secret seen once is also replaced wherever it appears later, if it is at least this long. */
  private static final int KNOWN_MIN_CHARS = 6;

  private final List<Pattern> extra;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, Set<String>> places = new LinkedHashMap<>();
  private final Set<String> literals = new LinkedHashSet<>();

  public Masks(List<String> regexes) {
    extra = new ArrayList<>();
    for (String regex : regexes) {
      extra.add(Pattern.compile(regex));
    }
  }

  /** Checks {@code --mask} values; a bad one is an {@link IllegalArgumentException} naming it. */
  public static void check(List<String> regexes) {
    for (String regex : regexes) {
      try {
        Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("--mask: not a regular expression: " + regex + " (" + e.getDescription() + ")");
      }
    }
  }

  /** {@code text} with its secrets as variable references; {@code where} names it in the file's comment. */
  public String text(String text, String where) {
    if (text == null) {
      return null;
    }
    literals.addAll(Variables.referencesIn(text));
    String out = known(text, where);
    out = TOKEN.matcher(out).replaceAll(token -> isReference(token.group(2)) ? Matcher.quoteReplacement(token.group())
        : Matcher.quoteReplacement(token.group(1) + reference("TOKEN", token.group(2), "token= in " + where)));
    for (Pattern pattern : extra) {
      out = pattern.matcher(out).replaceAll(match -> match.group().isEmpty() || isReference(match.group())
          ? Matcher.quoteReplacement(match.group())
          : Matcher.quoteReplacement(reference("MASKED", match.group(), "/" + pattern.pattern() + "/ in " + where)));
    }
    return out;
  }

  /** A header's value as the file keeps it: {@code Bearer {AUTHORIZATION}}, {@code {COOKIE}}. */
  public String header(String name, String value) {
    String kind = SECRET_HEADERS.get(name.toLowerCase(Locale.ROOT));
    if (kind == null || value == null || value.isBlank()) {
      return text(value, "the " + name + " header");
    }
    literals.addAll(Variables.referencesIn(value));
    Matcher scheme = SCHEME.matcher(value.trim());
    if (!kind.equals("COOKIE") && scheme.matches()) {
      return scheme.group(1) + " " + reference(kind, scheme.group(2), "the " + name + " header");
    }
    return reference(kind, value, "the " + name + " header");
  }

  /** Each variable with where its secret was found, e.g. {@code TOKEN -> [token= in the request path]}. */
  public Map<String, List<String>> variables() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    places.forEach((name, where) -> out.put(name, List.copyOf(where)));
    return out;
  }

  /**
   * References such as {@code {FOO}} that were in the recorded texts themselves (not secrets this
   * class replaced): a replay reads them as variables too.
   */
  public List<String> literalReferences() {
    return List.copyOf(literals);
  }

  private String known(String text, String where) {
    String out = text;
    for (Map.Entry<String, String> secret : names.entrySet()) {
      if (secret.getKey().length() >= KNOWN_MIN_CHARS && out.contains(secret.getKey())) {
        out = out.replace(secret.getKey(), "{" + secret.getValue() + "}");
        places.get(secret.getValue()).add(where);
      }
    }
    return out;
  }

  private String reference(String kind, String value, String where) {
    String name = names.get(value);
    if (name == null) {
      name = kind;
      for (int n = 2; names.containsValue(name); n++) {
        name = kind + "_" + n;
      }
      names.put(value, name);
    }
    places.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(where);
    return "{" + name + "}";
  }

  private static boolean isReference(String text) {
    return Variables.REFERENCE.matcher(text).matches();
  }
}

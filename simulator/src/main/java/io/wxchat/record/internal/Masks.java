package io.wxchat.record.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of recordings: {@code token=...} in any text, the Authorization and Cookie
 * headers, and whatever {@code --mask REGEX} matches become {@code ***}. Notes what it masked.
 */
public final class Masks {
  public static final String MASK = "***";
  private static final Pattern TOKEN = Pattern.compile("(?i)(token=)[^&\\s\"'#]+");
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

  private final List<Pattern> extra;
  private final Set<String> masked = new LinkedHashSet<>();

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

  public String text(String text, String where) {
    if (text == null) {
      return null;
    }
    Matcher token = TOKEN.matcher(text);
    String out = text;
    if (token.find()) {
      out = token.replaceAll("$1" + Matcher.quoteReplacement(MASK));
      masked.add("token= in " + where);
    }
    for (Pattern pattern : extra) {
      Matcher match = pattern.matcher(out);
      if (match.find()) {
        out = match.replaceAll(Matcher.quoteReplacement(MASK));
        masked.add("/" + pattern.pattern() + "/ in " + where);
      }
    }
    return out;
  }

  public String header(String name, String value) {
    if (SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      masked.add("the " + name + " header");
      return MASK;
    }
    return text(value, "the " + name + " header");
  }

  /** What was masked so far, for the file's comment. */
  public List<String> masked() {
    return List.copyOf(masked);
  }
}

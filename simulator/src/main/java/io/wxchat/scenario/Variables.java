package io.wxchat.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The values of a scenario's variables. {@code {TOKEN}} in a connect path or header value, a sent
 * text, an operator line or an {@code equalTo}/{@code contains} matcher stands for the value of
 * {@code TOKEN}: a recording writes its secrets so, and a replay sends the value instead. Names are
 * upper case ({@code [A-Z][A-Z0-9_]*}), so {@code {i}} and {@code {client}} stay the bindings of
 * {@code repeat} and {@code clients}.
 *
 * <pre>{@code
 * Set<String> needed = Variables.used(scenario);                 // [TOKEN]
 * Scenario replayed = Variables.of(Map.of("TOKEN", "s3cret")).apply(scenario);
 * }</pre>
 */
public final class Variables {
  /** A reference to a variable: {@code {TOKEN}}; group 1 is the name. */
  public static final Pattern REFERENCE = Pattern.compile("\\{([A-Z][A-Z0-9_]*)}");
  /** What a variable's name looks like. */
  public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  /** Values shorter than this are not hidden in reports: they would be found in unrelated text. */
  private static final int HIDDEN_MIN_CHARS = 4;

  private final Map<String, String> values;

  private Variables(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** These values by name; a name that is not upper case is an {@link IllegalArgumentException}. */
  public static Variables of(Map<String, String> values) {
    values.keySet().forEach(name -> {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("a variable's name is upper case letters, digits and _, like TOKEN: "
            + name);
      }
    });
    return new Variables(values);
  }

  /** The names {@code scenario} refers to, in the order they first appear. */
  public static Set<String> used(Scenario scenario) {
    Set<String> names = new LinkedHashSet<>();
    walk(scenario.steps(), text -> {
      names.addAll(referencesIn(text));
      return text;
    });
    return names;
  }

  /** The references in {@code text}, e.g. {@code [TOKEN]} of {@code /?token={TOKEN}}. */
  public static List<String> referencesIn(String text) {
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher reference = REFERENCE.matcher(text);
    while (reference.find()) {
      names.add(reference.group(1));
    }
    return names;
  }

  /** {@code scenario} with every reference that has a value replaced by it; others stay as written. */
  public Scenario apply(Scenario scenario) {
    if (values.isEmpty()) {
      return scenario;
    }
    return new Scenario(scenario.id(), scenario.title(), scenario.expectation(), scenario.rules(), scenario.tags(),
        scenario.profiles(), scenario.requires(), scenario.informational(), scenario.timeout(),
        walk(scenario.steps(), this::substitute));
  }

  /** {@code text} with each value (of 4 characters or more) written back as its reference, for reports. */
  public String hide(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String out = text;
    List<Map.Entry<String, String>> longestFirst = new ArrayList<>(values.entrySet());
    longestFirst.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed());
    for (Map.Entry<String, String> variable : longestFirst) {
      if (variable.getValue().length() >= HIDDEN_MIN_CHARS) {
        out = out.replace(variable.getValue(), "{" + variable.getKey() + "}");
      }
    }
    return out;
  }

  private String substitute(String text) {
    java.util.regex.Matcher reference = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (reference.find()) {
      String value = values.get(reference.group(1));
      reference.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value != null ? value : reference.group()));
    }
    return reference.appendTail(out).toString();
  }

  private static List<Step> walk(List<Step> steps, UnaryOperator<String> f) {
    List<Step> out = new ArrayList<>();
    for (Step step : steps) {
      out.add(walk(step, f));
    }
    return out;
  }

  private static Step walk(Step step, UnaryOperator<String> f) {
    if (step instanceof Step.Connect c) {
      Map<String, String> headers = new LinkedHashMap<>();
      c.headers().forEach((name, value) -> headers.put(name, value == null ? null : f.apply(value)));
      return new Step.Connect(c.client(), f.apply(c.path()), headers, c.subprotocols(), c.raw(), c.within());
    } else if (step instanceof Step.Send s && s.text() != null) {
      return new Step.Send(s.client(), f.apply(s.text()), s.binary(), s.raw(), s.times());
    } else if (step instanceof Step.OperatorSays o) {
      return new Step.OperatorSays(f.apply(o.line()));
    } else if (step instanceof Step.Expect e) {
      return new Step.Expect(e.client(), walk(e.message(), f), e.within(), e.count());
    } else if (step instanceof Step.Repeat r) {
      return new Step.Repeat(r.times(), walk(r.steps(), f));
    } else if (step instanceof Step.Clients c) {
      return new Step.Clients(c.count(), c.name(), walk(c.steps(), f));
    } else if (step instanceof Step.OneOf o) {
      List<Step.Branch> branches = new ArrayList<>();
      o.branches().forEach(branch -> branches.add(new Step.Branch(branch.nonStrict(), walk(branch.steps(), f))));
      return new Step.OneOf(branches);
    }
    return step;
  }

  private static Matcher walk(Matcher matcher, UnaryOperator<String> f) {
    if (matcher instanceof Matcher.EqualTo e) {
      return new Matcher.EqualTo(f.apply(e.text()));
    } else if (matcher instanceof Matcher.Contains c) {
      return new Matcher.Contains(f.apply(c.part()));
    } else if (matcher instanceof Matcher.Json j) {
      return new Matcher.Json(walk(j.fields(), f));
    } else if (matcher instanceof Matcher.JsonExactly j) {
      return new Matcher.JsonExactly(walk(j.fields(), f));
    }
    return matcher;
  }

  private static Map<String, Matcher> walk(Map<String, Matcher> fields,
                                                              UnaryOperator<String> f) {
    Map<String, Matcher> out = new LinkedHashMap<>();
    fields.forEach((name, matcher) -> out.put(name, walk(matcher, f)));
    return out;
  }
}

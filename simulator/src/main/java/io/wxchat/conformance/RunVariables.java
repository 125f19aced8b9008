package io.wxchat.conformance;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Variables;
import io.wxchat.session.RecordedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The variables of a run: each {@code {NAME}} the selected scenarios use takes its value from the
 * given ones ({@code run --var NAME=VALUE}, {@code ConformanceTests.variable(NAME, VALUE)}), else from
 * the environment variable {@code NAME} (an empty one counts as unset: that is what CI makes of a
 * secret it does not have). A name without a value is an error before any case runs. The values
 * never reach the reports: they are written back as {@code {NAME}}.
 *
 * <pre>{@code
 * RunVariables variables = RunVariables.resolve(Map.of("TOKEN", "s3cret"), System.getenv(), scenarios, id -> id,
 *     RunVariables.Syntax.CLI);
 * List<Scenario> ran = scenarios.stream().map(variables::apply).toList();
 * }</pre>
 */
public final class RunVariables {
  /**
   * How the user gives a variable a value, as errors and notes word it: {@code verb} and {@code assign}
   * make "run with --var TOKEN=VALUE", {@code mention} names a given one, {@code nextLine} starts each
   * line after the first of a multi-line error.
   */
  public record Syntax(String verb, String assign, String mention, String nextLine) {
    /** {@code run --var TOKEN=VALUE}; the CLI prints each line after {@code wxchat-sim: }. */
    public static final Syntax CLI = new Syntax("run with", "--var %s=VALUE", "--var %s", "wxchat-sim: ");
    /** {@code ConformanceTests...variable("TOKEN", VALUE)}. */
    public static final Syntax JAVA = new Syntax("call", ".variable(\"%s\", VALUE)", ".variable(\"%s\", ...)", "");
  }

  private final Variables values;
  private final boolean none;
  private final Map<String, Scenario> asWritten = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  private RunVariables(Map<String, String> values, List<Scenario> scenarios) {
    this.values = Variables.of(values);
    this.none = values.isEmpty();
    scenarios.forEach(s -> asWritten.put(s.id(), s));
  }

  /** {@link #resolve(Map, Map, List, Function, Syntax)} worded for the CLI's {@code --var}. */
  public static RunVariables resolve(Map<String, String> given, Map<String, String> environment,
                                     List<Scenario> scenarios, Function<String, String> fileOf) {
    return resolve(given, environment, scenarios, fileOf, Syntax.CLI);
  }

  /**
   * Resolves what {@code scenarios} use; {@code fileOf} names a scenario's file in the error. A missing
   * value is an {@link IllegalArgumentException} with one line per file, saying how to set it in
   * {@code syntax}.
   */
  public static RunVariables resolve(Map<String, String> given, Map<String, String> environment,
                                     List<Scenario> scenarios, Function<String, String> fileOf, Syntax syntax) {
    given.keySet().stream().filter(name -> !Variables.NAME.matcher(name).matches()).findFirst().ifPresent(name -> {
      throw new IllegalArgumentException(syntax.assign().formatted(name).replace("VALUE", "...") + ": a variable's"
          + " name is upper case letters, digits and _, like " + syntax.assign().formatted("TOKEN") + " for {TOKEN}");
    });
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> used = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      List<String> unset = new ArrayList<>();
      List<String> empty = new ArrayList<>();
      for (String name : Variables.used(scenario)) {
        used.add(name);
        String value = given.containsKey(name) ? given.get(name) : environment.get(name);
        if (value == null || value.isEmpty() && !given.containsKey(name)) {
          unset.add(name);
          if (value != null) {
            empty.add(name);
          }
        } else {
          values.put(name, value);
        }
      }
      if (!unset.isEmpty()) {
        missing.add(missingLine(fileOf.apply(scenario.id()), unset, empty, syntax));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(String.join(System.lineSeparator() + syntax.nextLine(), missing));
    }
    RunVariables resolved = new RunVariables(values, scenarios);
    given.keySet().stream().filter(name -> !used.contains(name)).forEach(name ->
        resolved.notes.add(syntax.mention().formatted(name) + " is used by none of the selected cases (they use " + (used.isEmpty()
            ? "no variables" : String.join(", ", used)) + ")"));
    return resolved;
  }

  /** {@code scenarios/recorded/x.yaml: {TOKEN} needs a value; run with --var TOKEN=VALUE or set ...}. */
  private static String missingLine(String file, List<String> unset, List<String> empty, Syntax syntax) {
    boolean one = unset.size() == 1;
    StringBuilder line = new StringBuilder(file).append(": ")
        .append(String.join(", ", unset.stream().map(name -> "{" + name + "}").toList()))
        .append(one ? " needs a value" : " need values").append("; ").append(syntax.verb()).append(' ')
        .append(String.join(" ", unset.stream().map(name -> syntax.assign().formatted(name)).toList()))
        .append(one ? " or set the environment variable " : " or set the environment variables ")
        .append(String.join(", ", unset));
    if (!empty.isEmpty()) {
      line.append(" (").append(String.join(", ", empty)).append(empty.size() == 1 ? " is" : " are")
          .append(" set but empty)");
    }
    return line.toString();
  }

  /** What run prints before it starts, e.g. a --var no case uses. */
  public List<String> notes() {
    return notes;
  }

  /** The scenario as the runner runs it: every reference replaced by its value. */
  public Scenario apply(Scenario scenario) {
    return values.apply(scenario);
  }

  /** The result as reports and the console show it: the scenario as written, each value as {@code {NAME}}. */
  public CaseResult hide(CaseResult result) {
    if (none) {
      return result;
    }
    return new CaseResult(asWritten.getOrDefault(result.id(), result.scenario()), result.target(), result.verdict(),
        result.durationNanos(), result.problem().map(this::hide), result.notes().stream().map(values::hide).toList(),
        result.transcript().stream().map(e -> new RecordedEvent(e.client(), e.nanos(), e.direction(), e.kind(),
            values.hide(e.payload()), e.code())).toList(), values.hide(result.serverLog()), values.hide(result.rerun()),
        result.timed());
  }

  public RunResult hide(RunResult run) {
    if (none) {
      return run;
    }
    List<TargetResult> targets = new ArrayList<>();
    for (TargetResult t : run.targets()) {
      targets.add(new TargetResult(t.name(), t.description(), t.profile(), t.cases().stream().map(this::hide).toList(),
          t.aborted(), t.harnessLateNanos()));
    }
    return new RunResult(targets, run.started(), run.finished(), run.strict());
  }

  private Failure hide(Failure f) {
    return new Failure(f.kind(), values.hide(f.step()), values.hide(f.problem()), values.hide(f.expected()),
        f.closest().stream().map(n -> new Failure.Near(values.hide(n.frame()), values.hide(n.difference()), n.score()))
            .toList(), f.waitedMillis(), f.details().stream().map(values::hide).toList(), f.transcript());
  }
}

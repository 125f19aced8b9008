package io.wxchat.record;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How recorded scenarios are replayed: the pace of their {@code gap} steps and how many copies run
 * at once. {@code Replay.parse("10x", 20).apply(scenario)} gives the scenario the runner runs.
 *
 * @param speed 0 for {@code replies} (each client frame goes once the recorded reply arrived; gaps
 *     are skipped), 1 for {@code recorded} (the gaps as recorded), N for {@code Nx}
 * @param copies how many independent copies of each recorded session run at once, each with its own clients
 */
public record Replay(double speed, int copies) {
  public static final Replay DEFAULT = new Replay(0, 1);
  private static final Pattern WARP = Pattern.compile("(\\d+(?:\\.\\d+)?)x");

  public Replay {
    if (copies < 1) {
      throw new IllegalArgumentException("--copies must be at least 1: " + copies);
    }
  }

  /** {@code replies}, {@code recorded} or a speed-up like {@code 10x}. */
  public static Replay parse(String pace, int copies) {
    String text = pace.trim().toLowerCase(Locale.ROOT);
    if (text.equals("replies")) {
      return new Replay(0, copies);
    }
    if (text.equals("recorded")) {
      return new Replay(1, copies);
    }
    Matcher warp = WARP.matcher(text);
    if (warp.matches() && Double.parseDouble(warp.group(1)) > 0) {
      return new Replay(Double.parseDouble(warp.group(1)), copies);
    }
    throw new IllegalArgumentException("--pace must be replies, recorded or a speed-up like 10x: " + pace);
  }

  /**
   * The scenario as this replay runs it. Only recorded scenarios (tag {@code recorded}) change; a
   * recording with operator steps is not copied, since one push reaches every copy's clients.
   */
  public Scenario apply(Scenario scenario) {
    if (!scenario.tags().contains("recorded")) {
      return scenario;
    }
    List<Step> steps = paced(scenario.steps());
    if (copies > 1 && !hasOperator(steps)) {
      steps = List.of(new Step.Clients(copies, "copy{i}", renamed(steps)));
    }
    return new Scenario(scenario.id(), scenario.title(), scenario.expectation(), scenario.rules(), scenario.tags(),
        scenario.profiles(), scenario.requires(), scenario.informational(), scenario.timeout(), steps);
  }

  /** Why {@link #apply} leaves the copies out, or null. */
  public String whyNotCopied(Scenario scenario) {
    return copies > 1 && scenario.tags().contains("recorded") && hasOperator(scenario.steps())
        ? scenario.id() + " runs once: its operator steps would reach every copy's clients" : null;
  }

  private List<Step> paced(List<Step> steps) {
    List<Step> out = new ArrayList<>();
    for (Step step : steps) {
      if (step instanceof Step.Gap gap) {
        if (speed > 0) {
          out.add(new Step.Wait(Duration.ofNanos(Math.round(gap.recorded().toNanos() / speed))));
        }
      } else if (step instanceof Step.Repeat r) {
        out.add(new Step.Repeat(r.times(), paced(r.steps())));
      } else {
        out.add(step);
      }
    }
    return out;
  }

  /** alice -> alice-{i}: each copy's clients are its own. */
  private static List<Step> renamed(List<Step> steps) {
    List<Step> out = new ArrayList<>();
    for (Step step : steps) {
      out.add(renamed(step));
    }
    return out;
  }

  private static Step renamed(Step step) {
    if (step instanceof Step.Connect c) {
      return new Step.Connect(own(c.client()), c.path(), c.headers(), c.subprotocols(), c.raw(), c.within());
    } else if (step instanceof Step.Send s) {
      return new Step.Send(own(s.client()), s.text(), s.binary(), s.raw(), s.times());
    } else if (step instanceof Step.Expect e) {
      return new Step.Expect(own(e.client()), e.message(), e.within(), e.count());
    } else if (step instanceof Step.Silence s) {
      return new Step.Silence(own(s.client()), s.quiet());
    } else if (step instanceof Step.ExpectClose c) {
      return new Step.ExpectClose(own(c.client()), c.code(), c.nonStrictCodes(), c.within());
    } else if (step instanceof Step.Close c) {
      return new Step.Close(own(c.client()), c.code(), c.abrupt());
    } else if (step instanceof Step.Fault f) {
      return new Step.Fault(own(f.between()), f.clear(), f.reset(), f.fault());
    } else if (step instanceof Step.Repeat r) {
      return new Step.Repeat(r.times(), renamed(r.steps()));
    }
    return step;
  }

  private static String own(String client) {
    return "*".equals(client) ? client : client + "-{i}";
  }

  private static boolean hasOperator(List<Step> steps) {
    return Step.anyIn(steps, Step.OperatorSays.class);
  }
}

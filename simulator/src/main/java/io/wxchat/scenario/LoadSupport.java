package io.wxchat.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which scenarios can also run as a load scenario (Gatling), and the steps such a run executes.
 * A file with a step a load tool cannot express is "conformance only", for one stated reason:
 *
 * <pre>{@code
 * LoadSupport.whyNot(scenario).ifPresent(reason -> fail(scenario.id() + " is conformance only: " + reason));
 * }</pre>
 */
public final class LoadSupport {
  private LoadSupport() {
  }

  /** Why {@code scenario} cannot run under load, or empty if it can. */
  public static Optional<String> whyNot(Scenario scenario) {
    if (scenario.needs(Requirement.FRESH) && expectsBeforeOperator(scenario.steps())) {
      return Optional.of("it expects the offline auto-reply and then makes the server online: only the first"
          + " virtual user would find it offline");
    }
    return firstUnsupported(scenario.steps());
  }

  /**
   * Why these scenarios cannot load together with {@code concurrentUsers} virtual users at once, or
   * empty if they can: an operator line reaches every connected client, so concurrent users of a file
   * that speaks as operator would receive each other's lines, and it makes the server online for files
   * that need it offline.
   */
  public static Optional<String> whyNotTogether(List<Scenario> scenarios, int concurrentUsers) {
    List<String> online = scenarios.stream().filter(s -> speaksAsOperator(s.steps())).map(Scenario::id).toList();
    if (online.isEmpty()) {
      return Optional.empty();
    }
    if (concurrentUsers > 1 || scenarios.size() > 1) {
      return Optional.of(online + " speak as operator, and an operator line reaches every connected client:"
          + " run such a file alone with one user at a time (-Dusers=1), or use OperatorFanOutSimulation");
    }
    return Optional.empty();
  }

  /**
   * The steps with {@code repeat} and {@code clients} unrolled in order and {@code {i}} and
   * {@code {client}} replaced: {@code clients} run one after the other, since a virtual user is one
   * sequence of actions.
   */
  public static List<Step> unrolled(Scenario scenario) {
    List<Step> flat = new ArrayList<>();
    unroll(scenario.steps(), UnaryOperator.identity(), flat);
    return flat;
  }

  private static Optional<String> firstUnsupported(List<Step> steps) {
    for (Step step : steps) {
      Optional<String> reason = Optional.ofNullable(unsupported(step));
      if (step instanceof Step.Repeat r) {
        reason = firstUnsupported(r.steps());
      } else if (step instanceof Step.Clients c) {
        reason = firstUnsupported(c.steps());
      }
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  private static String unsupported(Step step) {
    if (step instanceof Step.Connect c && c.raw()) {
      return "a raw connection (bytes outside WebSocket framing)";
    }
    if (step instanceof Step.Connect c && c.subprotocols().size() > 1) {
      return "more than one subprotocol offered";
    }
    if (step instanceof Step.Send s && s.raw() != null) {
      return "send.raw writes bytes outside WebSocket framing";
    }
    if (step instanceof Step.Close c && c.abrupt()) {
      return "an abrupt close (no close frame)";
    }
    if (step instanceof Step.ExpectClose) {
      return "expectClose: a load tool does not see close codes";
    }
    if (step instanceof Step.HttpRequest) {
      return "a plain HTTP request (not a WebSocket)";
    }
    if (step instanceof Step.PauseReading || step instanceof Step.ResumeReading) {
      return "pauseReading/resumeReading: a load tool always reads";
    }
    return null;
  }

  private static boolean expectsBeforeOperator(List<Step> steps) {
    for (Step step : steps) {
      if (step instanceof Step.OperatorSays) {
        return false;
      }
      boolean expects = step instanceof Step.Expect
          || step instanceof Step.Repeat r && r.steps().stream().anyMatch(Step.Expect.class::isInstance)
          || step instanceof Step.Clients c && c.steps().stream().anyMatch(Step.Expect.class::isInstance);
      if (expects) {
        return speaksAsOperator(steps);
      }
    }
    return false;
  }

  private static boolean speaksAsOperator(List<Step> steps) {
    return steps.stream().anyMatch(step -> step instanceof Step.OperatorSays
        || step instanceof Step.Repeat r && speaksAsOperator(r.steps())
        || step instanceof Step.Clients c && speaksAsOperator(c.steps()));
  }

  private static void unroll(List<Step> steps, UnaryOperator<String> bind, List<Step> out) {
    for (Step step : steps) {
      if (step instanceof Step.Repeat r) {
        for (int i = 1; i <= r.times(); i++) {
          String index = String.valueOf(i);
          unroll(r.steps(), text -> bind.apply(text).replace("{i}", index), out);
        }
      } else if (step instanceof Step.Clients c) {
        for (int i = 1; i <= c.count(); i++) {
          String index = String.valueOf(i);
          String name = bind.apply(c.name().replace("{i}", index));
          unroll(c.steps(), text -> bind.apply(text).replace("{i}", index).replace("{client}", name), out);
        }
      } else {
        out.add(bound(step, text -> text == null ? null : bind.apply(text)));
      }
    }
  }

  private static Step bound(Step step, UnaryOperator<String> b) {
    if (step instanceof Step.Connect c) {
      return new Step.Connect(b.apply(c.client()), b.apply(c.path()), c.headers(), c.subprotocols(), c.raw(), c.within());
    } else if (step instanceof Step.Send s) {
      return new Step.Send(b.apply(s.client()), b.apply(s.text()), s.binary(), s.raw(), s.times());
    } else if (step instanceof Step.Expect e) {
      return new Step.Expect(b.apply(e.client()), e.message(), e.within(), e.count());
    } else if (step instanceof Step.Silence s) {
      return new Step.Silence(b.apply(s.client()), s.quiet());
    } else if (step instanceof Step.ExpectClose c) {
      return new Step.ExpectClose(b.apply(c.client()), c.code(), c.nonStrictCodes(), c.within());
    } else if (step instanceof Step.OperatorSays o) {
      return new Step.OperatorSays(b.apply(o.line()));
    } else if (step instanceof Step.Close c) {
      return new Step.Close(b.apply(c.client()), c.code(), c.abrupt());
    } else if (step instanceof Step.PauseReading p) {
      return new Step.PauseReading(b.apply(p.client()));
    } else if (step instanceof Step.ResumeReading r) {
      return new Step.ResumeReading(b.apply(r.client()));
    }
    return step;
  }
}

package io.wxchat.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
  /**
   * Every kind of step with why a load tool cannot run it, or null if it can: a Gatling virtual user
   * is one sequence of WebSocket connects, frames, checks, pauses and operator lines, and the kinds
   * refused here fall outside that. LoadSupportTest fails for a kind of {@link Step} missing here.
   */
  private static final Map<Class<? extends Step>, Function<Step, String>> KINDS = new LinkedHashMap<>();

  static {
    kind(Step.Connect.class, c -> c.raw() ? "a raw connection (bytes outside WebSocket framing)"
        : c.subprotocols().size() > 1 ? "more than one subprotocol offered" : null);
    kind(Step.Send.class, s -> s.raw() != null ? "send.raw writes bytes outside WebSocket framing" : null);
    kind(Step.Expect.class, e -> null);
    kind(Step.Silence.class, s -> null);
    kind(Step.ExpectClose.class, c -> "expectClose: a load tool does not see close codes");
    kind(Step.OperatorSays.class, o -> null);
    kind(Step.HttpRequest.class, h -> "a plain HTTP request (not a WebSocket)");
    kind(Step.Wait.class, w -> null);
    kind(Step.Close.class, c -> c.abrupt() ? "an abrupt close (no close frame)" : null);
    kind(Step.PauseReading.class, p -> "pauseReading/resumeReading: a load tool always reads");
    kind(Step.ResumeReading.class, r -> "pauseReading/resumeReading: a load tool always reads");
    kind(Step.Clients.class, c -> firstUnsupported(c.steps()));
    kind(Step.Repeat.class, r -> firstUnsupported(r.steps()));
    kind(Step.OneOf.class, o -> "oneOf: a load check cannot pick a branch by the frame that arrives");
    kind(Step.EndOfInput.class, e -> "endOfInput closes the operator's console, which every virtual user shares");
    kind(Step.Fault.class, f -> "fault: a wire fault needs the simulator's proxy between client and server");
    // a recorded pause is the user's think time: under load it is a pause of the recorded length
    kind(Step.Gap.class, g -> null);
    kind(Step.Canary.class, c -> "canary: it grades a bystander's latency (NON_STRICT past slowAfter), and a load"
        + " check only passes or fails");
    kind(Step.UpgradeFlood.class, u -> "upgradeFlood: an upgrade request that never ends (bytes outside WebSocket"
        + " framing)");
    kind(Step.AwaitClose.class, a -> "awaitClose: a load tool cannot wait for the server to close a socket");
    kind(Step.Tcp.class, t -> "tcp: a connection that writes bytes outside WebSocket framing and never upgrades");
  }

  private LoadSupport() {
  }

  /** Why {@code scenario} cannot run under load, or empty if it can. */
  public static Optional<String> whyNot(Scenario scenario) {
    if (scenario.needs(Requirement.FRESH) && expectsBeforeOperator(scenario.steps())) {
      return Optional.of("it expects the offline auto-reply and then makes the server online: only the first"
          + " virtual user would find it offline");
    }
    return Optional.ofNullable(firstUnsupported(scenario.steps()));
  }

  /**
   * Why a load tool cannot run {@code step} (for {@code repeat} and {@code clients}: the first of
   * their steps it cannot run), or empty if it can, in the words {@link #whyNot} uses.
   */
  public static Optional<String> whyNot(Step step) {
    return Optional.ofNullable(unsupported(step));
  }

  /** The kinds of step classified above, for the test that every kind is. */
  static Set<Class<? extends Step>> classifiedKinds() {
    return Collections.unmodifiableSet(KINDS.keySet());
  }

  private static <T extends Step> void kind(Class<T> type, Function<T, String> whyNot) {
    KINDS.put(type, step -> whyNot.apply(type.cast(step)));
  }

  /**
   * Why these scenarios cannot load together with {@code concurrentUsers} virtual users at once, or
   * empty if they can: an operator line reaches every connected client, so concurrent users of a file
   * that speaks as operator would receive each other's lines, and it makes the server online for files
   * that need it offline.
   */
  public static Optional<String> whyNotTogether(List<Scenario> scenarios, int concurrentUsers) {
    List<String> online = scenarios.stream().filter(s -> Step.anyIn(s.steps(), Step.OperatorSays.class))
        .map(Scenario::id).toList();
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

  private static String firstUnsupported(List<Step> steps) {
    for (Step step : steps) {
      String reason = unsupported(step);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  private static String unsupported(Step step) {
    Function<Step, String> why = KINDS.get(step.getClass());
    return why == null ? "a " + ScenarioText.kind(step.getClass()) + " step, which has no load form yet" : why.apply(step);
  }

  private static boolean expectsBeforeOperator(List<Step> steps) {
    for (Step step : steps) {
      if (step instanceof Step.OperatorSays) {
        return false;
      }
      if (Step.anyIn(List.of(step), Step.Expect.class)) {
        return Step.anyIn(steps, Step.OperatorSays.class);
      }
    }
    return false;
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

package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.WsAwaitActionBuilder;
import io.gatling.javaapi.http.WsConnectActionBuilder;
import io.wxchat.scenario.LoadSupport;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import io.wxchat.targets.OperatorDriver;
import java.io.IOException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One scenario file as the chain of one Gatling virtual user, each client a named socket.
 * {@code scenario(s.id()).exec(ScenarioChain.of(s, target::operator).chain())}
 *
 * <p>An {@code expect} right after a {@code send} or {@code connect} of its client is a check awaited
 * on that action (Gatling times the reply from the send); any other {@code expect} (a push) and every
 * {@code silence} read the frames that arrived with no check waiting, inside a group named after
 * the step. A file that {@link LoadSupport#whyNot} refuses is an {@link IllegalArgumentException}.
 */
final class ScenarioChain {
  private final Scenario scenario;
  private final Supplier<OperatorDriver> operator;
  private final List<ChainBuilder> links = new ArrayList<>();
  /** The action an expect may still be awaited on, per client, with its awaits so far. */
  private final Map<String, Awaited> awaitable = new LinkedHashMap<>();
  private final Set<String> open = new LinkedHashSet<>();
  private final Map<String, Duration> names = new LinkedHashMap<>();
  private OperatorDriver driver;

  private ScenarioChain(Scenario scenario, Supplier<OperatorDriver> operator) {
    this.scenario = scenario;
    this.operator = operator;
  }

  /** The chain of {@code scenario}; {@code operator} is asked for only if the file has an operator step. */
  static ScenarioChain of(Scenario scenario, Supplier<OperatorDriver> operator) {
    LoadSupport.whyNot(scenario).ifPresent(why -> {
      throw new IllegalArgumentException(scenario.id() + " is conformance only: " + why
          + " (wxchat-sim list --load shows which files can load)");
    });
    ScenarioChain chain = new ScenarioChain(scenario, operator);
    LoadSupport.unrolled(scenario).forEach(chain::add);
    chain.flush();
    chain.open.forEach(client -> chain.links.add(exec(ws(chain.name("close", client)).wsName(client).close())));
    return chain;
  }

  ChainBuilder chain() {
    return exec(links);
  }

  /**
   * The names of the checks and groups, for assertions ({@code operator.1.1 expect alice}), each with
   * the longest wait its steps allow (zero for a silence, which has no time bound).
   */
  Map<String, Duration> names() {
    return names;
  }

  private void add(Step step) {
    if (step instanceof Step.Connect c) {
      flush();
      WsConnectActionBuilder connect = ws(name("connect", c.client())).wsName(c.client()).connect(c.path());
      for (Map.Entry<String, String> header : c.headers().entrySet()) {
        connect = connect.header(header.getKey(), header.getValue());
      }
      if (c.subprotocols().size() == 1) {
        connect = connect.subprotocol(c.subprotocols().get(0));
      }
      open.add(c.client());
      awaitable.put(c.client(), new Awaited(connect, name("connect", c.client())));
    } else if (step instanceof Step.Send s) {
      flush();
      String client = s.client();
      WsAwaitActionBuilder<?, ?> send = s.text() != null
          ? ws(name("send", client)).wsName(client).sendText(s.text().repeat(s.times() == null ? 1 : s.times()))
          : ws(name("send", client)).wsName(client).sendBytes(HexFormat.of().parseHex(s.binary().replace(" ", "")));
      awaitable.put(client, new Awaited(send, name("expect", client)));
    } else if (step instanceof Step.Expect e) {
      for (String client : addressed(e.client())) {
        Awaited on = awaitable.get(client);
        if (on != null) {
          on.await(e);
          names.merge(on.name, e.within(), ScenarioChain::longer);
        } else {
          flush();
          names.merge(name("push to", client), e.within(), ScenarioChain::longer);
          links.add(Inbox.expect(name("push to", client), client, e));
        }
      }
    } else if (step instanceof Step.Silence s) {
      flush();
      for (String client : addressed(s.client())) {
        names.putIfAbsent(name("silence", client), Duration.ZERO);
        links.add(Inbox.silence(name("silence", client), client, s.quiet()));
      }
    } else if (step instanceof Step.OperatorSays o) {
      flush();
      links.add(operatorSays(o.line()));
    } else if (step instanceof Step.Wait w) {
      flush();
      links.add(exec(pause(w.duration())));
    } else if (step instanceof Step.Gap g) {
      flush(); // a recording's think time, as recorded
      links.add(exec(pause(g.recorded())));
    } else if (step instanceof Step.Close c) {
      flush();
      open.remove(c.client());
      links.add(exec(ws(name("close", c.client())).wsName(c.client()).close(c.code(), "")));
    } else {
      // of() refused the file if LoadSupport refuses the step; else LoadSupport lets a kind load that has no branch here
      throw new IllegalArgumentException(scenario.id() + " is conformance only: " + LoadSupport.whyNot(step)
          .orElse("ScenarioChain has no load form for its " + step.getClass().getSimpleName() + " steps yet"));
    }
  }

  /** Emits the pending actions with their awaits, in the order they were scripted. */
  private void flush() {
    awaitable.values().stream().distinct().forEach(a -> links.add(exec(a.action)));
    awaitable.clear();
  }

  private ChainBuilder operatorSays(String line) {
    if (driver == null) {
      driver = operator.get();
    }
    OperatorDriver say = driver;
    String name = name("operator", "");
    return exec(session -> {
      try {
        say.say(line); // blocks this user's thread for one operator round trip, as a console would
        return session;
      } catch (IOException e) {
        Inbox.report(name, e.getMessage());
        return session.markAsFailed();
      }
    });
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private List<String> addressed(String client) {
    return "*".equals(client) ? List.copyOf(open) : List.of(client);
  }

  /** {@code operator.2.2 expect u#}: clients told apart only by a number share one name in the report. */
  private String name(String kind, String client) {
    return (scenario.id() + " " + kind + " " + client.replaceAll("\\d+", "#")).strip();
  }

  /** A connect or send on which the expectations that follow it are awaited. */
  private static final class Awaited {
    private WsAwaitActionBuilder<?, ?> action;
    private final String name;

    Awaited(WsAwaitActionBuilder<?, ?> action, String name) {
      this.action = action;
      this.name = name;
    }

    void await(Step.Expect e) {
      for (int n = 0; n < e.count(); n++) {
        action = action.await(e.within()).on(MatcherCheck.of(name, e.message()));
      }
    }
  }
}

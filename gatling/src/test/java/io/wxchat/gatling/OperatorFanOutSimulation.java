package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.wxchat.gatling.internal.DeliveryLog;
import io.wxchat.targets.OperatorDriver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code -Dusers} clients connect; once all are in, the operator pushes {@code -Dpushes} lines
 * {@code -Dgap} apart, over the operator channel or, for a server launched with {@code -DserverCmd},
 * on its stdin; every client must get each line exactly once. "push delivered" is timed from the
 * push (its stamp) to the frame's arrival at each client; "operator push" (channel only) from the
 * push to the server's acknowledgement. Fails past {@code -Dp99}. {@code -Dwarmup=N} pushes N lines
 * first, checked the same way, timed as "push delivered (warm-up)" and kept out of the p99.
 */
public final class OperatorFanOutSimulation extends Simulation {
  static final String DELIVERED = "push delivered";
  static final String ACKNOWLEDGED = "operator push acknowledged";
  private static final AtomicInteger CONNECTED = new AtomicInteger();
  private static final AtomicLong DONE_AT = new AtomicLong();

  private final LoadTarget target = Abort.unless(LoadTarget::fromProperties);

  {
    int users = Abort.unless(() -> LoadSettings.users(100));
    int measured = Abort.unless(() -> LoadSettings.count("pushes", 10));
    // -Dwarmup=N: N pushes first, checked exactly once each but timed apart ("push delivered
    // (warm-up)"), so the percentiles are of warm code on both sides, as a closed loop's warm-up runs
    int warmUps = Abort.unless(() -> LoadSettings.count("warmup", 0, 0));
    int pushes = warmUps + measured;
    Duration ramp = Abort.unless(() -> LoadSettings.ramp(Duration.ofSeconds(10)));
    Duration gap = Abort.unless(() -> LoadSettings.duration("gap", Duration.ofMillis(500)));
    Duration p99 = Abort.unless(() -> LoadSettings.duration("p99", Duration.ofMillis(100)));
    ChainBuilder operatorPushes = Abort.unless(() -> target.operatorOnChannel()
        ? channelPushes(target.operatorPath(), pushes, gap) : consolePushes(target.operator(), pushes, gap));
    Duration grace = Duration.ofSeconds(5);
    long giveUpMillis = ramp.plus(gap.multipliedBy(pushes)).plus(Duration.ofSeconds(60)).toMillis();

    ScenarioBuilder clients = scenario("clients").exec(
        ws("fan-out connect").wsName("client").connect("/"),
        exec(session -> {
          CONNECTED.incrementAndGet();
          return session.set("until", System.currentTimeMillis() + giveUpMillis);
        }),
        asLongAs(session -> Pushes.seen(session) < pushes && System.currentTimeMillis() < session.getLong("until")
            && (DONE_AT.get() == 0 || System.currentTimeMillis() < DONE_AT.get() + grace.toMillis())).on(
            pause(Duration.ofMillis(200)),
            ws.processUnmatchedMessages("client", (messages, session) -> Pushes.receive(messages, session, warmUps)),
            exec(DeliveryLog.as(DELIVERED))),
        // a late or repeated frame still counts: one more look after the operator is done
        pause(Duration.ofMillis(500)),
        ws.processUnmatchedMessages("client", (messages, session) -> Pushes.receive(messages, session, warmUps)),
        exec(session -> Pushes.missing(session, pushes, warmUps)),
        exec(DeliveryLog.as(DELIVERED)),
        ws("fan-out close").wsName("client").close());

    ScenarioBuilder operator = scenario("operator").exec(
        asLongAs(session -> CONNECTED.get() < users).on(pause(Duration.ofMillis(20))),
        operatorPushes,
        exec(session -> {
          DONE_AT.set(System.currentTimeMillis());
          return session;
        }));

    List<Assertion> assertions = new ArrayList<>(List.of(
        details(DELIVERED).failedRequests().count().is(0L),
        details(DELIVERED).successfulRequests().count().is((long) users * measured),
        details(DELIVERED).responseTime().percentile(99).lt((int) p99.toMillis())));
    if (warmUps > 0) {
      assertions.add(details(DELIVERED + DeliveryLog.WARM_UP).failedRequests().count().is(0L));
      assertions.add(details(DELIVERED + DeliveryLog.WARM_UP).successfulRequests().count().is((long) users * warmUps));
    }
    if (target.operatorOnChannel()) {
      assertions.add(details(ACKNOWLEDGED).failedRequests().count().is(0L));
    }
    setUp(clients.injectOpen(rampUsers(users).during(ramp)), operator.injectOpen(atOnceUsers(1)))
        .protocols(target.protocol())
        .assertions(assertions);
  }

  /** Each push a frame on the operator channel, its acknowledgement checked and timed. */
  private static ChainBuilder channelPushes(String operatorPath, int pushes, Duration gap) {
    return exec(
        ws("operator connect").wsName("operator").connect(operatorPath),
        repeat(pushes, "n").on(
            ws("operator push").wsName("operator")
                .sendText(session -> Pushes.line(session.getInt("n") + 1))
                .await(Duration.ofSeconds(10)).on(ws.checkTextMessage(ACKNOWLEDGED)
                    .check(bodyString().validate("ok", (ack, session) -> {
                      if (ack == null || !ack.contains("\"ok\":true")) {
                        throw new IllegalArgumentException("the operator channel refused the line: " + ack);
                      }
                      return ack;
                    }))),
            pause(gap)),
        ws("operator close").wsName("operator").close());
  }

  /** Each push a line typed on the server's console (its stdin): no answer, the clients are the check. */
  private static ChainBuilder consolePushes(OperatorDriver console, int pushes, Duration gap) {
    return repeat(pushes, "n").on(
        exec(session -> {
          try {
            console.say(Pushes.line(session.getInt("n") + 1));
            return session;
          } catch (IOException e) {
            Inbox.report("operator push", console.describe() + ": " + e.getMessage());
            return session.markAsFailed();
          }
        }),
        pause(gap));
  }

  @Override
  public void after() {
    target.close();
  }
}

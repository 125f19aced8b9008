package io.wxchat.gatling.internal;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.ActionBuilder;
import java.util.List;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Hands timings kept in the session ({@link #KEY}: {@code long[] {start, end, ok}}) to Gatling's own
 * stats engine as requests named {@code name}, so they are in the report, its percentiles and its
 * assertions like any request: {@code exec(DeliveryLog.as("push delivered"))}.
 *
 * <p>Why not a check: Gatling 3's WebSocket checks block the user and are timed from that user's own
 * send, but a push is sent by another user (the operator), and its latency starts there. This is
 * the one use of Gatling's Scala API (io.gatling.core), not its Java DSL: a Gatling upgrade may
 * need it changed, and nothing else does.
 */
public final class DeliveryLog implements ActionBuilder {
  /** The session attribute holding the timings not yet logged. */
  public static final String KEY = "wxchat.deliveries";
  private final String name;

  private DeliveryLog(String name) {
    this.name = name;
  }

  public static DeliveryLog as(String name) {
    return new DeliveryLog(name);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return (context, next) -> new Log(name, context.coreComponents().statsEngine(), next);
  }

  private static final class Log implements Action {
    private final String name;
    private final StatsEngine stats;
    private final Action next;
    private Logger logger = Logger.apply(LoggerFactory.getLogger(DeliveryLog.class));

    Log(String name, StatsEngine stats, Action next) {
      this.name = name;
      this.stats = stats;
      this.next = next;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(Session session) {
      Option<Object> kept = session.attributes().get(KEY);
      if (kept.isDefined()) {
        for (long[] timing : (List<long[]>) kept.get()) {
          stats.logResponse(session.scenario(), session.groups(), name, timing[0], timing[1],
              timing[2] == 1 ? OK$.MODULE$ : KO$.MODULE$, Option.empty(),
              timing[2] == 1 ? Option.empty() : Option.apply("missing or repeated push"));
        }
        session = session.remove(KEY);
      }
      next.$bang(session);
    }

    @Override
    public Logger logger() {
      return logger;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
      this.logger = logger;
    }
  }
}

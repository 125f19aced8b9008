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
 * Hands timings kept in the session ({@link #KEY}: {@code long[] {start, end, ok}}, or
 * {@code {start, end, ok, 1}} for a warm-up) to Gatling's own stats engine as requests named
 * {@code name} (a warm-up's as {@code name + }{@value #WARM_UP}), so they are in the report, its
 * percentiles and its assertions like any request: {@code exec(DeliveryLog.as("push delivered"))}.
 *
 * <p>Why not a check: Gatling 3's WebSocket checks block the user and are timed from that user's own
 * send, but a push is sent by another user (the operator), and its latency starts there. This is
 * the one use of Gatling's Scala API (io.gatling.core), not its Java DSL: a Gatling upgrade may
 * need it changed, and nothing else does.
 */
public final class DeliveryLog implements ActionBuilder {
  /** The session attribute holding the timings not yet logged. */
  public static final String KEY = "wxchat.deliveries";
  /** The suffix of a warm-up's name: checked like the others, kept out of their percentiles. */
  public static final String WARM_UP = " (warm-up)";
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
          boolean warmUp = timing.length > 3 && timing[3] == 1;
          stats.logResponse(session.scenario(), session.groups(), warmUp ? name + WARM_UP : name, timing[0], timing[1],
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

package closedloop;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One measured run on fresh connections: wait for a quiet machine, connect, loop, close. */
final class LoopRun {
  private final Options options;
  private final IoLoop loop;
  private final Watchdog watchdog;

  LoopRun(Options options, IoLoop loop, Watchdog watchdog) {
    this.options = options;
    this.loop = loop;
    this.watchdog = watchdog;
  }

  RunResult run(Options.Target target, String label) throws InterruptedException {
    Usage.awaitQuiet(options.settleSeconds());
    Connections set = Connections.open(loop, target.uri(), options.clients(), options.handshakeConcurrency(),
        Duration.ofSeconds(options.connectTimeoutSeconds()));
    RunResult result = new RunResult(target.name(), label);
    result.connectMillis = set.wallNanos / 1e6;
    if (!set.failures.isEmpty()) {
      result.problem = set.failures.size() + " of " + options.clients() + " connections failed, first: "
          + set.failures.peek();
      set.closeAll(Duration.ofSeconds(5));
      result.print();
      return result;
    }
    Round round = new Round(options.messages(), options.slowMs());
    Usage before = Usage.now(target.pid());
    round.start(set.open);
    watchdog.watch(round, set.open);
    // each reply is bounded by the watchdog; the whole run is bounded too, so that a server that
    // answers just under the reply timeout forever still ends
    long bound = Math.max(TimeUnit.MINUTES.toNanos(10), options.replyTimeoutNanos() * 2);
    if (!round.await(bound)) {
      round.fail("run did not finish within " + TimeUnit.NANOSECONDS.toSeconds(bound) + " s");
    }
    watchdog.unwatch();
    Usage used = Usage.now(target.pid()).minus(before);
    round.fillIn(result, used);
    set.closeAll(Duration.ofSeconds(5));
    result.print();
    return result;
  }
}

package closedloop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of every target on fresh connections: wait for a quiet machine, connect all of them, loop,
 * close. With {@code --slices N} each target's loop is cut into N parts that take turns with the
 * other targets' (A B A B ... within the run), so that the machine's ups and downs, which last longer
 * than a slice, fall on every target of the run alike and their ratio holds still.
 */
final class LoopRun {
  private final Options options;
  private final IoLoop loop;
  private final Watchdog watchdog;

  LoopRun(Options options, IoLoop loop, Watchdog watchdog) {
    this.options = options;
    this.loop = loop;
    this.watchdog = watchdog;
  }

  /** One result per target, in the order given; each printed as soon as the run is over. */
  List<RunResult> run(List<Options.Target> targets, String label) throws InterruptedException {
    Usage.awaitQuiet(options.settleSeconds());
    Map<Options.Target, Connections> sets = new LinkedHashMap<>();
    Map<Options.Target, RunResult> results = new LinkedHashMap<>();
    Map<Options.Target, Round> rounds = new LinkedHashMap<>();
    Map<Options.Target, Usage> used = new LinkedHashMap<>();
    int perSlice = options.messages() / options.slices();
    for (Options.Target target : targets) {
      Connections set = Connections.open(loop, target.uri(), options.clients(), options.handshakeConcurrency(),
          Duration.ofSeconds(options.connectTimeoutSeconds()));
      sets.put(target, set);
      RunResult result = new RunResult(target.name(), label);
      result.connectMillis = set.wallNanos / 1e6;
      results.put(target, result);
      if (!set.failures.isEmpty()) {
        result.problem = set.failures.size() + " of " + options.clients() + " connections failed, first: "
            + set.failures.peek();
      } else {
        rounds.put(target, new Round(perSlice, options.slowMs()));
      }
    }
    // each reply is bounded by the watchdog; each slice is bounded too, so that a server that
    // answers just under the reply timeout forever still ends
    long bound = Math.max(TimeUnit.MINUTES.toNanos(10), options.replyTimeoutNanos() * 2);
    for (int slice = 0; slice < options.slices(); slice++) {
      for (Map.Entry<Options.Target, Round> entry : rounds.entrySet()) {
        Options.Target target = entry.getKey();
        Round round = entry.getValue();
        if (round.failed()) {
          continue;
        }
        List<Connection> open = sets.get(target).open;
        Usage before = Usage.now(target.pid());
        round.start(open);
        watchdog.watch(round, open);
        if (!round.await(bound)) {
          round.fail("slice did not finish within " + TimeUnit.NANOSECONDS.toSeconds(bound) + " s");
        }
        watchdog.unwatch();
        Usage slicesUse = Usage.now(target.pid()).minus(before);
        used.merge(target, slicesUse, Usage::plus);
      }
    }
    rounds.forEach((target, round) -> round.fillIn(results.get(target), used.get(target)));
    for (Connections set : sets.values()) {
      set.closeAll(Duration.ofSeconds(5));
    }
    results.values().forEach(RunResult::print);
    return new ArrayList<>(results.values());
  }
}

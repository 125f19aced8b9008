package closedloop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The closed-loop comparison of chat servers, to the microsecond: every client sends a text and
 * waits for its reply before sending the next; targets are measured in turn (A B A B ...), each run
 * on fresh connections, with the CPU the driver, each server and every other process used.
 * {@code java -cp out/classes closedloop.ClosedLoop --url java=ws://127.0.0.1:3000/ --url node=ws://127.0.0.1:3001/}
 *
 * <p>JDK only, on its own RFC 6455 client ({@link Connection}): it shares no code, and so no bug,
 * with the servers it measures, and it costs less CPU per message than either of them. The load
 * figures (connections held, replies per second under think times, operator fan-out) are Gatling's
 * (gatling/); this measures what Gatling does not: latency in microseconds and CPU per message.
 */
public final class ClosedLoop {
  static final String USAGE = """
      usage: java -cp CLASSES closedloop.ClosedLoop --url [NAME=]URL [--url [NAME=]URL ...] [options]

      Every client connects, then sends a text and waits for its reply before sending the next;
      targets take turns (warmups A B A B ..., then measured runs the same way), so that noise on the
      machine hits them alike; with --slices N, every run is cut into N turns of each target.
      Every reply must be {"content":"服务器回复:"+sent,"timestamp":"h:mm:ss AM"}.

        --url [NAME=]URL            target (loopback only); repeat to compare servers
        --server-pid [NAME=]PID     also report that server's CPU time per run (Linux /proc)
        --clients N                 connections per run (default 100)
        --messages N                messages per client per run (default 200)
        --warmup-runs N             unreported runs per target first (default 1)
        --runs N                    measured runs per target (default 1)
        --slices N                  each run's messages in N turns per target, A B A B ... within
                                    the run; --messages must be a multiple of N (default 1)
        --slow-ms N                 a reply slower than this is reported as slow (default 1000)
        --reply-timeout-seconds N   a reply missing this long fails the run (default 10)
        --connect-timeout-seconds N per handshake (default 10)
        --handshake-concurrency N   handshakes in flight at once (default 200)
        --settle-seconds N          before each run wait up to N s for other processes to go quiet
                                    (under 15% of a core); 0 never waits (default 0)
        --help                      this text

      Every run line is followed by a machine-readable 'RESULT key=value ...' line, and the measured
      runs by a SUMMARY table per target.
      Exit codes: 0 all good; 1 a run failed (a reply missing, malformed or late past the timeout, a
      connection refused or dropped); 2 bad arguments.
      """;

  private ClosedLoop() {
  }

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (Options.UsageException e) {
      System.err.println("closed-loop: " + e.getMessage());
      System.err.println("run with --help for usage");
      code = 2;
    } catch (InterruptedException e) {
      System.err.println("closed-loop: interrupted");
      code = 1;
    }
    System.out.flush();
    System.exit(code); // bounded exit: the selector and watchdog threads are daemons, but say so
  }

  static int run(String[] args) throws Options.UsageException, InterruptedException {
    if (args.length == 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(USAGE);
      return 0;
    }
    Options options = Options.parse(args);
    System.out.printf(Locale.ROOT, "closed-loop: %d clients x %d messages in %d slice(s), %d warmup + %d measured runs per target, targets %s%n",
        options.clients(), options.messages(), options.slices(), options.warmups(), options.runs(),
        options.targets().stream().map(t -> t.name() + "=" + t.uri()).toList());
    Map<Options.Target, List<RunResult>> measured = new LinkedHashMap<>();
    options.targets().forEach(t -> measured.put(t, new ArrayList<>()));
    boolean failed = false;
    try (IoLoop loop = new IoLoop("closed-loop-io"); Watchdog watchdog = new Watchdog(options)) {
      LoopRun runs = new LoopRun(options, loop, watchdog);
      for (int w = 1; w <= options.warmups(); w++) {
        for (RunResult result : runs.run(options.targets(), "warmup " + w + "/" + options.warmups())) {
          failed |= !result.ok();
        }
      }
      for (int r = 1; r <= options.runs(); r++) {
        List<RunResult> results = runs.run(options.targets(), "run " + r + "/" + options.runs());
        for (int t = 0; t < results.size(); t++) {
          measured.get(options.targets().get(t)).add(results.get(t));
          failed |= !results.get(t).ok();
        }
      }
    }
    if (options.runs() > 0) {
      Summary.print(measured);
    }
    return failed ? 1 : 0;
  }
}

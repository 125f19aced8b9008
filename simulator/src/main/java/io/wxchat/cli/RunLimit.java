package io.wxchat.cli;

import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --max-run-time}: the run never outlives its cases' time limits added up, plus a margin a
 * target (launches, the preflight, reports), whatever a server does. When it is hit the run is
 * interrupted, the reports of what was judged are written, and the exit is 1; a run stuck where an
 * interrupt does not reach is ended {@link #GRACE} later.
 */
final class RunLimit {
  static final Duration MARGIN = Duration.ofSeconds(60);
  static final Duration GRACE = Duration.ofSeconds(10);
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kKmM]?)(?:i?[bB])?");

  private final Duration limit;
  private final String origin;
  private final AtomicBoolean hit = new AtomicBoolean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "max-run-time");
    thread.setDaemon(true);
    return thread;
  });

  private RunLimit(Duration limit, String origin) {
    this.limit = limit;
    this.origin = origin;
  }

  /** {@code text} if given (a duration like 10m), else the cases' limits added up plus the margins. */
  static RunLimit of(String text, List<Scenario> scenarios, Profile profile, int targets) {
    if (text != null) {
      Duration given = ScenarioFiles.parseDuration(text);
      if (given.isZero() || given.isNegative()) {
        throw new IllegalArgumentException("--max-run-time must be positive: " + text);
      }
      return new RunLimit(given, "--max-run-time " + text);
    }
    Duration cases = scenarios.stream().filter(s -> s.appliesTo(profile)).map(Scenario::timeout)
        .reduce(Duration.ZERO, Duration::plus);
    return new RunLimit(cases.plus(MARGIN).multipliedBy(Math.max(1, targets)),
        "the default --max-run-time (the cases' limits added up, plus 60 s a target)");
  }

  /** {@code 65536}, {@code 64k}, {@code 64KiB}, {@code 4m}: bytes. */
  static long parseSize(String text) {
    Matcher match = SIZE.matcher(text.trim());
    if (!match.matches()) {
      throw new IllegalArgumentException("--max-frame is not a size: \"" + text + "\"; write it like 65536, 64k or 4m");
    }
    long number = Long.parseLong(match.group(1));
    return switch (match.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> number << 10;
      case "m" -> number << 20;
      default -> number;
    };
  }

  /**
   * Runs {@code stop} when the limit passes (again every second until the run has finished), then ends
   * the process after the grace. {@code stop} must end the cases whether they run side by side or one
   * after another (a case blocked on its socket ignores a mere interrupt).
   */
  void watch(Runnable stop, AtomicBoolean finished, Runnable writePartialReports, PrintWriter err) {
    long millis = limit.toMillis();
    timer.scheduleAtFixedRate(() -> {
      if (!finished.get()) {
        hit.set(true);
        stop.run();
      }
    }, millis, 1_000, TimeUnit.MILLISECONDS);
    timer.schedule(() -> {
      if (finished.compareAndSet(false, true)) {
        writePartialReports.run();
        err.println("wxchat-sim: " + reason() + "; the run did not stop within " + GRACE.toSeconds()
            + " s of it, so the process ends here");
        err.flush();
        System.exit(SimulatorCommand.FAILURES);
      }
    }, millis + GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean hit() {
    return hit.get();
  }

  String reason() {
    return "stopped after " + ScenarioFiles.formatDuration(limit) + " by " + origin;
  }

  void cancel() {
    timer.shutdownNow();
  }
}

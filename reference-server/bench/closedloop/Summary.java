package closedloop;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table across measured runs, one line per target (run.sh reads its 11 columns). */
final class Summary {
  private Summary() {
  }

  static void print(Map<Options.Target, List<RunResult>> measured) {
    System.out.println();
    System.out.println("SUMMARY closed-loop, measured runs; spread = (max - min) / median; noisy = runs during which"
        + " other processes used over 10% of a core; quiet median = median of the other runs");
    System.out.printf(Locale.ROOT, "%-10s %5s %12s %12s %12s %8s %12s %12s %6s %6s %13s%n",
        "target", "runs", "median msg/s", "min msg/s", "max msg/s", "spread", "median p99us", "max us", "failed",
        "noisy", "quiet median");
    for (Map.Entry<Options.Target, List<RunResult>> e : measured.entrySet()) {
      List<RunResult> runs = e.getValue();
      double[] tp = runs.stream().mapToDouble(RunResult::throughput).sorted().toArray();
      double[] quiet = runs.stream().filter(r -> !r.noisy()).mapToDouble(RunResult::throughput).sorted().toArray();
      long[] p99 = runs.stream().mapToLong(r -> r.p99).sorted().toArray();
      long max = runs.stream().mapToLong(r -> r.max).max().orElse(0);
      long failed = runs.stream().filter(r -> !r.ok()).count();
      double median = median(tp);
      System.out.printf(Locale.ROOT, "%-10s %5d %12.0f %12.0f %12.0f %7.1f%% %12d %12d %6d %6d %13s%n",
          e.getKey().name(), runs.size(), median, tp[0], tp[tp.length - 1],
          median > 0 ? 100 * (tp[tp.length - 1] - tp[0]) / median : 0, p99[p99.length / 2], max, failed,
          tp.length - quiet.length, quiet.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", median(quiet)));
    }
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}

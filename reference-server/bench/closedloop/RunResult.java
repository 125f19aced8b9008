package closedloop;

import java.util.Locale;

/** What one run measured, printed as a line for people and a {@code RESULT key=value} line for run.sh. */
final class RunResult {
  final String target;
  final String label;
  double connectMillis;
  long messages;
  double wallMillis;
  long p50;
  long p99;
  long max;
  int slow;
  int errors;
  Usage usage;
  String problem;

  RunResult(String target, String label) {
    this.target = target;
    this.label = label;
  }

  boolean ok() {
    return problem == null;
  }

  /** Other processes used over 10% of a core during the run. */
  boolean noisy() {
    return usage != null && usage.otherMillis() > 0.10 * wallMillis;
  }

  double throughput() {
    return wallMillis > 0 ? messages / (wallMillis / 1000) : 0;
  }

  void print() {
    System.out.printf(Locale.ROOT, "%-8s %-14s %7d msgs in %9.1f ms = %8.0f msg/s; latency us p50=%d p99=%d max=%d;"
            + " >slow %d; errors %d%s%s%n",
        target, label, messages, wallMillis, throughput(), p50, p99, max, slow, errors,
        usage == null ? "" : usage.describe(), ok() ? "" : "; FAILED: " + problem);
    System.out.printf(Locale.ROOT, "RESULT target=%s label=%s messages=%d wall_ms=%.1f throughput=%.0f p50_us=%d"
            + " p99_us=%d max_us=%d slow=%d errors=%d connect_ms=%.1f driver_cpu_ms=%d server_cpu_ms=%d"
            + " other_cpu_ms=%d ok=%b%n",
        target, label.replace(' ', '_'), messages, wallMillis, throughput(), p50, p99, max, slow, errors, connectMillis,
        usage == null ? -1 : usage.driverCpuNanos() / 1_000_000, usage == null ? -1 : usage.serverCpuMillis(),
        usage == null ? -1 : usage.otherMillis(), ok());
  }
}

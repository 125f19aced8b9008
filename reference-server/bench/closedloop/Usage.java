package closedloop;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of this driver, of the server when its PID is known, and of the whole machine, so that
 * a run shows what else competed for the cores (another build, a noisy neighbour):
 * {@code Usage.now(pid).minus(before)}.
 */
record Usage(long driverCpuNanos, long serverCpuMillis, long machineBusyMillis, long stealMillis,
    long gcCount, long gcMillis, long wallNanos) {
  private static final long TICK_MILLIS = 10; // USER_HZ is 100 on Linux
  private static final long QUIET_SAMPLE_MILLIS = 250;

  static Usage now(long serverPid) {
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
    long[] machine = machineMillis();
    return new Usage(cpu, serverCpuMillis(serverPid), machine[0], machine[1], gcCount, gcMillis, System.nanoTime());
  }

  Usage minus(Usage before) {
    return new Usage(driverCpuNanos - before.driverCpuNanos,
        serverCpuMillis < 0 || before.serverCpuMillis < 0 ? -1 : serverCpuMillis - before.serverCpuMillis,
        machineBusyMillis < 0 || before.machineBusyMillis < 0 ? -1 : machineBusyMillis - before.machineBusyMillis,
        stealMillis - before.stealMillis, gcCount - before.gcCount, gcMillis - before.gcMillis,
        wallNanos - before.wallNanos);
  }

  /** Two measurements (differences) of one run added up, as for the slices of a run. */
  Usage plus(Usage other) {
    return new Usage(driverCpuNanos + other.driverCpuNanos,
        serverCpuMillis < 0 || other.serverCpuMillis < 0 ? -1 : serverCpuMillis + other.serverCpuMillis,
        machineBusyMillis < 0 || other.machineBusyMillis < 0 ? -1 : machineBusyMillis + other.machineBusyMillis,
        stealMillis + other.stealMillis, gcCount + other.gcCount, gcMillis + other.gcMillis,
        wallNanos + other.wallNanos);
  }

  /** CPU of everything but the driver and the server; -1 when unknown. */
  long otherMillis() {
    if (machineBusyMillis < 0 || serverCpuMillis < 0) {
      return -1;
    }
    return Math.max(0, machineBusyMillis - serverCpuMillis - driverCpuNanos / 1_000_000);
  }

  /** {@code ; cpu driver=120 ms (40%) server=280 ms (93%) other processes=3 ms (1%); driver gc 0 in 0 ms}. */
  String describe() {
    double wallMs = wallNanos / 1e6;
    String server = serverCpuMillis < 0 ? "" : String.format(Locale.ROOT, " server=%d ms (%.0f%%)",
        serverCpuMillis, 100.0 * serverCpuMillis / wallMs);
    String other = otherMillis() < 0 ? "" : String.format(Locale.ROOT, " other processes=%d ms (%.0f%%)",
        otherMillis(), 100.0 * otherMillis() / wallMs);
    String steal = stealMillis > 0 ? " steal=" + stealMillis + " ms" : "";
    return String.format(Locale.ROOT, "; cpu driver=%d ms (%.0f%%)%s%s%s; driver gc %d in %d ms",
        driverCpuNanos / 1_000_000, 100.0 * driverCpuNanos / 1e6 / wallMs, server, other, steal, gcCount, gcMillis);
  }

  /**
   * Waits, at most {@code seconds}, until the machine is quiet: the driver and the servers are idle
   * between runs, so CPU used now is someone else's (a build, a test suite) and would make the next
   * run slow for reasons that have nothing to do with the server.
   */
  static void awaitQuiet(int seconds) throws InterruptedException {
    if (seconds == 0) {
      return;
    }
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long before = machineMillis()[0];
      Thread.sleep(QUIET_SAMPLE_MILLIS); // a CPU-time sample over a window: there is no event to wait for
      double percentOfCore = (machineMillis()[0] - before) * 100.0 / QUIET_SAMPLE_MILLIS;
      if (before < 0 || percentOfCore < 15) {
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (waited > 500) {
          System.out.printf(Locale.ROOT, "  settle: waited %.1f s for other processes to go quiet%n", waited / 1000.0);
        }
        return;
      }
      if (System.nanoTime() > end) {
        System.out.printf(Locale.ROOT, "  settle: other processes still use %.0f%% of a core after %d s; measuring anyway%n",
            percentOfCore, seconds);
        return;
      }
    }
  }

  /** utime + stime from /proc/PID/stat; -1 when unknown. */
  private static long serverCpuMillis(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MILLIS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** {busy, steal} of all cores from the first line of /proc/stat; busy excludes idle and iowait. */
  private static long[] machineMillis() {
    try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/stat"))) {
      String[] f = in.readLine().trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
        busy += Long.parseLong(f[i]);
      }
      return new long[] {busy * TICK_MILLIS, Long.parseLong(f[8]) * TICK_MILLIS};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, 0};
    }
  }
}

package closedloop;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency histogram in microseconds: exact below 2048 us, then 1024 buckets per power of two
 * (under 0.1% error). Written on the io loop, read by the main thread.
 */
final class Histogram {
  private static final int SUB = 1024;
  private static final int SHIFTS = 40;
  private static final long CAP = (1L << (SHIFTS + 10)) - 1;
  private final AtomicLongArray counts = new AtomicLongArray(2 * SUB + SHIFTS * SUB);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  void record(long micros) {
    long v = Math.max(0, Math.min(CAP, micros));
    counts.incrementAndGet(index(v));
    total.incrementAndGet();
    max.accumulateAndGet(v, Math::max);
  }

  long max() {
    return max.get();
  }

  long count() {
    return total.get();
  }

  /** The smallest recorded value that at least q of all values are at or below (bucket upper bound). */
  long percentile(double q) {
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    long seen = 0;
    for (int idx = 0; idx < counts.length(); idx++) {
      seen += counts.get(idx);
      if (seen >= rank) {
        return Math.min(highest(idx), max.get());
      }
    }
    return max.get();
  }

  static int index(long v) {
    if (v < 2 * SUB) {
      return (int) v;
    }
    int shift = 63 - Long.numberOfLeadingZeros(v) - 10;
    return 2 * SUB + (shift - 1) * SUB + (int) ((v >>> shift) - SUB);
  }

  static long highest(int idx) {
    if (idx < 2 * SUB) {
      return idx;
    }
    int k = idx - 2 * SUB;
    int shift = k / SUB + 1;
    long top = (k % SUB) + SUB;
    return (top << shift) + (1L << shift) - 1;
  }
}

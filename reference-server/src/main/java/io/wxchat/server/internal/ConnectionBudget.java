package io.wxchat.server.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many connections the process can hold: the configured limit, lowered if the process's file
 * limit ({@code ulimit -n}) would not leave {@link #headroom} files for the server itself (jars,
 * selectors, logs, the listening socket). Each connection takes one file descriptor.
 */
record ConnectionBudget(int configured, long fileLimit, int effective) {
  static ConnectionBudget of(int configured) {
    return of(configured, currentFileLimit());
  }

  static ConnectionBudget of(int configured, long fileLimit) {
    if (fileLimit <= 0) {
      return new ConnectionBudget(configured, fileLimit, configured);
    }
    long room = Math.max(1, fileLimit - headroom(fileLimit));
    return new ConnectionBudget(configured, fileLimit, (int) Math.min(configured, room));
  }

  /** Files kept free: 5% of the limit, at least 64 (the property is for tests that must reach EMFILE). */
  static long headroom(long fileLimit) {
    return Long.getLong("wxchat.server.fileHeadroom", Math.max(64, fileLimit / 20));
  }

  /** The line the server logs at start. */
  String describe() {
    if (fileLimit <= 0) {
      return "file limit unknown; at most " + effective + " connections (--max-connections)";
    }
    return "file limit " + fileLimit + ": at most " + effective + " connections, upgraded or not"
        + (effective < configured ? " (--max-connections " + configured + " lowered to keep "
            + headroom(fileLimit) + " files free; raise ulimit -n for more)" : "");
  }

  private static long currentFileLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }
}

package io.wxchat.targets;

import java.net.URI;
import java.util.Optional;

/** A server handed to one case: where it is, how to drive its operator, what it printed, whether it died. */
public interface Lease extends AutoCloseable {
  URI uri();

  Optional<OperatorDriver> operator();

  /** Tells the target the operator spoke: the server is online now, not fresh for later cases. */
  void markOperated();

  /** What a launched server printed since the lease began (empty for others). */
  String log();

  /** How the server process ended during the lease, e.g. {@code exited with code 1}; empty while alive. */
  Optional<String> crash();

  /**
   * Like {@link #crash()}, but gives a process that is dying up to {@code grace} to be seen dead: its
   * sockets close a moment before its exit is noticed, and a case that failed on them must know why.
   */
  default Optional<String> crash(java.time.Duration grace) throws InterruptedException {
    return crash();
  }

  /** When the server process ended ({@link System#nanoTime()}), if it did during the lease. */
  default java.util.OptionalLong crashNanos() {
    return java.util.OptionalLong.empty();
  }

  /** The server instance behind the lease: leases with equal instances share one server (and its crash). */
  default Object instance() {
    return this;
  }

  @Override
  void close();
}

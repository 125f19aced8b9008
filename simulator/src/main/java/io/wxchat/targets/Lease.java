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

  @Override
  void close();
}

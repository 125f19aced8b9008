package io.wxchat.targets;

import io.wxchat.scenario.Scenario;
import java.io.IOException;
import java.util.Optional;

/**
 * A chat server under test: a URL, a command the simulator launches, or the embedded reference
 * server. It hands each case a {@link Lease} on a server in the state the case needs.
 */
public interface Target extends AutoCloseable {
  /** Short name, also the report folder: {@code reference}, {@code 127.0.0.1-3000}. */
  String name();

  String describe();

  /** Starts or reaches the server; throws {@link TargetUnreachableException} if it cannot. */
  void start() throws IOException, InterruptedException;

  /**
   * Whether cases that need a fresh server get their own instance, so they can run alongside the
   * others. If not, the runner runs them one at a time after the rest.
   */
  boolean spawnsFresh();

  /** Why this target cannot run {@code scenario} (e.g. no operator driver), or empty if it can. */
  Optional<String> cannotRun(Scenario scenario);

  /** A server for one case, fresh if the case needs it. */
  Lease lease(Scenario scenario) throws IOException, InterruptedException;

  /**
   * A server of its own for one case, started for it, to run a case again alone (after a crash it
   * did not cause, or to confirm a timing); by default the same as {@link #lease}.
   */
  default Lease leaseAlone(Scenario scenario) throws IOException, InterruptedException {
    return lease(scenario);
  }

  /**
   * Whether {@link #leaseAlone} starts a server for the case (embedded, launched), or hands out the one
   * there is (a URL): reports say "alone on a fresh server" only where there was one.
   */
  default boolean startsAlone() {
    return false;
  }

  @Override
  void close();
}

package io.wxchat.junit.internal;

import java.util.ServiceLoader;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps SLF4J's "no providers were found" warning out of a user's test output: the simulator only
 * logs through slf4j-api, so without a binding the logs simply go nowhere, and it says nothing.
 */
public final class QuietLogging {
  private QuietLogging() {
  }

  /** Chooses SLF4J's no-op provider when the class path has none and the user chose none. */
  public static void unlessBound() {
    if (System.getProperty("slf4j.provider") != null
        || ServiceLoader.load(SLF4JServiceProvider.class).iterator().hasNext()) {
      return;
    }
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "WARN"); // not "Attempting to load provider ..."
    }
  }
}

package io.wxchat.conformance;

import io.wxchat.scenario.Profile;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * How a run is judged and paced.
 *
 * @param profile which server profile the targets speak
 * @param parallel how many cases run at once per target (where the target allows)
 * @param strict NON_STRICT counts as a failure
 * @param reportDir where transcripts go (failure messages point there)
 * @param trust TLS trust for wss:// targets, or null for the JVM's trust store
 */
public record RunOptions(Profile profile, int parallel, boolean strict, Path reportDir, SSLContext trust) {
  public RunOptions {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1: " + parallel);
    }
  }

  public RunOptions(Profile profile, int parallel, boolean strict, Path reportDir) {
    this(profile, parallel, strict, reportDir, null);
  }

  public static RunOptions defaults() {
    // cases mostly wait on the wire (silence windows, replies): many run at once even on 2 cores
    return new RunOptions(Profile.OPERATOR, 32, false,
        Path.of("reports"));
  }
}

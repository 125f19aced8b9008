package io.wxchat.gatling;

import io.wxchat.scenario.Profile;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.targets.OperatorMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The system properties every simulation reads, with defaults; a value that does not parse is an
 * {@link IllegalArgumentException} naming the property and what it takes:
 * {@code LoadSettings.users(10)} reads {@code -Dusers=1000}.
 */
final class LoadSettings {
  static final String VARIABLE_PREFIX = "var.";

  private LoadSettings() {
  }

  /** {@code -Dtarget=ws://host:port/}; empty: the simulation starts the embedded reference server. */
  static Optional<URI> target() {
    String text = property("target");
    if (text == null) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-Dtarget must be a ws:// or wss:// URL: " + text);
    }
    if (uri.getHost() == null || !("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("-Dtarget must be a ws:// or wss:// URL with a host: " + text);
    }
    return Optional.of(uri);
  }

  /** {@code -DserverCmd="node server.js --port {port}"}: a server to launch (sh -c) for the run, its stdin the operator. */
  static Optional<String> serverCommand() {
    return Optional.ofNullable(property("serverCmd"));
  }

  /** {@code -DserverDir=FOLDER}: where {@code -DserverCmd} runs (relative: under the project root). */
  static Optional<Path> serverDir() {
    String text = property("serverDir");
    if (text == null) {
      return Optional.empty();
    }
    Path dir = Project.path("serverDir", Path.of(text));
    if (!java.nio.file.Files.isDirectory(dir)) {
      throw new IllegalArgumentException("-DserverDir must be a folder: " + text);
    }
    return Optional.of(dir);
  }

  /**
   * {@code -DserverPort=N}: the port the launched server listens on; 0 (the default) picks a free
   * one and hands it to the command as {@code {port}} and {@code $PORT}.
   */
  static int serverPort() {
    return parsed("serverPort", 0, text -> {
      try {
        int port = Integer.parseInt(text);
        if (port >= 0 && port <= 65_535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // the message below
      }
      throw new IllegalArgumentException("must be a port in [0, 65535] (0: a free one, passed as {port}): " + text);
    });
  }

  /** {@code -Doperator=stdin|channel|none}: how the operator reaches a launched server (default stdin). */
  static Optional<OperatorMode> operator() {
    return Optional.ofNullable(parsed("operator", null, OperatorMode::parse));
  }

  /** {@code -Dprofile=operator|echo}: which profile of docs/PROTOCOL.md the target speaks. */
  static Profile profile() {
    return parsed("profile", Profile.OPERATOR, Profile::parse);
  }

  /** {@code -DoperatorToken=T}: the reference operator channel's token of a {@code -Dtarget} server. */
  static Optional<String> operatorToken() {
    return Optional.ofNullable(property("operatorToken"));
  }

  static int users(int fallback) {
    return count("users", fallback);
  }

  static int count(String name, int fallback) {
    return count(name, fallback, 1);
  }

  /** {@code -Dname}, a whole number of at least {@code least}. */
  static int count(String name, int fallback, int least) {
    return parsed(name, fallback, text -> {
      try {
        int value = Integer.parseInt(text.replace("_", ""));
        if (value >= least) {
          return value;
        }
      } catch (NumberFormatException e) {
        // the message below
      }
      throw new IllegalArgumentException("must be a whole number of at least " + least + ": " + text);
    });
  }

  static Duration ramp(Duration fallback) {
    return duration("ramp", fallback);
  }

  static Duration duration(Duration fallback) {
    return duration("duration", fallback);
  }

  static Duration duration(String name, Duration fallback) {
    return parsed(name, fallback, ScenarioFiles::parseDuration);
  }

  /** {@code -Dname=2s} when given: a limit that applies only when asked for. */
  static Optional<Duration> optionalDuration(String name) {
    return Optional.ofNullable(parsed(name, null, ScenarioFiles::parseDuration));
  }

  /** {@code -Dscenarios=FILE_OR_FOLDER}. */
  static Path scenarios(Path fallback) {
    String text = property("scenarios");
    return text == null ? fallback : Path.of(text);
  }

  /** {@code -DlocalAddresses=127.0.0.2,127.0.0.3}: source addresses, for more than ~28k connections. */
  /** {@code -Dvar.TOKEN=VALUE} gives the scenario variable {@code {TOKEN}} its value (the environment is the fallback). */
  static Map<String, String> variables() {
    Map<String, String> given = new TreeMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(VARIABLE_PREFIX)) {
        given.put(name.substring(VARIABLE_PREFIX.length()), System.getProperty(name));
      }
    }
    return given;
  }

  static List<String> localAddresses() {
    String text = property("localAddresses");
    return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** {@code -Dname} parsed, or {@code fallback} if absent; a parse error names the property. */
  private static <T> T parsed(String name, T fallback, Function<String, T> parse) {
    String text = property(name);
    if (text == null) {
      return fallback;
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-D" + name + ": " + e.getMessage());
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}

package io.wxchat.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fault-injecting proxy does to the wire between a client and the server, parsed from the
 * CLI's {@code --fault latency=200ms,jitter=50ms,slice=1} or a scenario's {@code fault} step.
 *
 * @param latencyToServer delay of each client frame
 * @param latencyToClient delay of each server frame
 * @param jitter each delay varies by up to this much either way (order is kept)
 * @param bytesPerSecond bandwidth in each direction, 0 for unlimited
 * @param slice write frames this many bytes per TCP write, 0 for whole frames
 * @param dropAfter drop the TCP connection (no close frame) after this many frames, 0 for never
 * @param resetAfter reset the TCP connection (RST) this long after it opened, null for never
 * @param halfOpen stop forwarding anything, leaving both connections open
 * @param blackholeToClient swallow every server frame
 * @param blackholeToServer swallow every client frame
 */
public record WireFault(Duration latencyToServer, Duration latencyToClient, Duration jitter, long bytesPerSecond,
                        int slice, int dropAfter, Duration resetAfter, boolean halfOpen, boolean blackholeToClient,
                        boolean blackholeToServer) {
  /** The fault names, as {@code --fault} spells them. */
  public static final List<String> KEYS = List.of("latency", "latency-to-server", "latency-to-client", "jitter",
      "bandwidth", "slice", "drop-after", "reset-after", "half-open", "blackhole-server-to-client",
      "blackhole-client-to-server");
  public static final WireFault NONE = new WireFault(null, null, null, 0, 0, 0, null, false, false, false);
  private static final Pattern BANDWIDTH = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB)/s", Pattern.CASE_INSENSITIVE);
  private static final List<String> FLAGS = List.of("half-open", "blackhole-server-to-client", "blackhole-client-to-server");

  public WireFault {
    latencyToServer = latencyToServer == null ? Duration.ZERO : latencyToServer;
    latencyToClient = latencyToClient == null ? Duration.ZERO : latencyToClient;
    jitter = jitter == null ? Duration.ZERO : jitter;
    if (bytesPerSecond < 0 || slice < 0 || dropAfter < 0) {
      throw new IllegalArgumentException("fault: bandwidth, slice and drop-after must not be negative");
    }
  }

  /** Parses {@code latency=200ms,jitter=50ms,bandwidth=1KB/s,slice=1,drop-after=10,reset-after=5s,half-open}. */
  public static WireFault parse(String spec) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      fields.put(eq < 0 ? item : item.substring(0, eq).trim(), eq < 0 ? "true" : item.substring(eq + 1).trim());
    }
    return of(fields);
  }

  /** Builds a fault from named values; names are {@link #KEYS}, also in camelCase ({@code dropAfter}). */
  public static WireFault of(Map<String, ?> fields) {
    Duration toServer = null;
    Duration toClient = null;
    Duration jitter = null;
    long bandwidth = 0;
    int slice = 0;
    int dropAfter = 0;
    Duration resetAfter = null;
    boolean halfOpen = false;
    boolean toClientHole = false;
    boolean toServerHole = false;
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      String key = kebab(field.getKey());
      String value = String.valueOf(field.getValue()).trim();
      try {
        switch (key) {
          case "latency" -> toServer = toClient = ScenarioFiles.parseDuration(value);
          case "latency-to-server" -> toServer = ScenarioFiles.parseDuration(value);
          case "latency-to-client" -> toClient = ScenarioFiles.parseDuration(value);
          case "jitter" -> jitter = ScenarioFiles.parseDuration(value);
          case "bandwidth" -> bandwidth = bandwidth(value);
          case "slice" -> slice = positive(key, value);
          case "drop-after" -> dropAfter = positive(key, value);
          case "reset-after" -> resetAfter = ScenarioFiles.parseDuration(value);
          case "half-open" -> halfOpen = flag(key, value);
          case "blackhole-server-to-client" -> toClientHole = flag(key, value);
          case "blackhole-client-to-server" -> toServerHole = flag(key, value);
          default -> throw new IllegalArgumentException("unknown fault \"" + field.getKey() + "\"; expected one of " + KEYS);
        }
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith("unknown fault") || e.getMessage().startsWith("fault ")) {
          throw e;
        }
        throw new IllegalArgumentException("fault " + key + ": " + e.getMessage(), e);
      }
    }
    return new WireFault(toServer, toClient, jitter, bandwidth, slice, dropAfter, resetAfter, halfOpen, toClientHole,
        toServerHole);
  }

  /** The fault as {@code --fault} writes it; empty for {@link #NONE}. */
  public Map<String, String> fields() {
    Map<String, String> out = new LinkedHashMap<>();
    if (latencyToServer.equals(latencyToClient) && !latencyToServer.isZero()) {
      out.put("latency", ScenarioFiles.formatDuration(latencyToServer));
    } else {
      putDuration(out, "latency-to-server", latencyToServer);
      putDuration(out, "latency-to-client", latencyToClient);
    }
    putDuration(out, "jitter", jitter);
    if (bytesPerSecond > 0) {
      out.put("bandwidth", bytesPerSecond + "B/s");
    }
    if (slice > 0) {
      out.put("slice", String.valueOf(slice));
    }
    if (dropAfter > 0) {
      out.put("drop-after", String.valueOf(dropAfter));
    }
    if (resetAfter != null) {
      out.put("reset-after", ScenarioFiles.formatDuration(resetAfter));
    }
    if (halfOpen) {
      out.put("half-open", "true");
    }
    if (blackholeToClient) {
      out.put("blackhole-server-to-client", "true");
    }
    if (blackholeToServer) {
      out.put("blackhole-client-to-server", "true");
    }
    return out;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    fields().forEach((k, v) -> parts.add(FLAGS.contains(k) ? k : k + "=" + v));
    return parts.isEmpty() ? "none" : String.join(",", parts);
  }

  /** {@code dropAfter} -> {@code drop-after}. */
  static String kebab(String key) {
    return key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** {@code drop-after} -> {@code dropAfter}. */
  static String camel(String key) {
    Matcher dash = Pattern.compile("-([a-z])").matcher(key);
    StringBuilder out = new StringBuilder();
    while (dash.find()) {
      dash.appendReplacement(out, dash.group(1).toUpperCase(Locale.ROOT));
    }
    return dash.appendTail(out).toString();
  }

  private static void putDuration(Map<String, String> out, String key, Duration value) {
    if (value != null && !value.isZero()) {
      out.put(key, ScenarioFiles.formatDuration(value));
    }
  }

  private static long bandwidth(String value) {
    Matcher match = BANDWIDTH.matcher(value);
    if (!match.matches()) {
      throw new IllegalArgumentException("write it like 1KB/s, 500B/s or 2MB/s: \"" + value + "\"");
    }
    double amount = Double.parseDouble(match.group(1));
    long unit = switch (match.group(2).toUpperCase(Locale.ROOT)) {
      case "KB" -> 1024;
      case "MB" -> 1024 * 1024;
      default -> 1;
    };
    long bytes = Math.round(amount * unit);
    if (bytes < 1) {
      throw new IllegalArgumentException("must be at least 1B/s: \"" + value + "\"");
    }
    return bytes;
  }

  private static int positive(String key, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // explained below
    }
    throw new IllegalArgumentException("expected a whole number of at least 1: \"" + value + "\"");
  }

  private static boolean flag(String key, String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException("is a switch: write " + key + " alone or " + key + ": true; got \"" + value + "\"");
  }
}

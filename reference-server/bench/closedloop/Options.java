package closedloop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The command line, checked: every value in range, every URL a loopback ws:// URL. */
record Options(List<Target> targets, int clients, int messages, int warmups, int runs, int slowMs,
    int replyTimeoutSeconds, int connectTimeoutSeconds, int handshakeConcurrency, int settleSeconds, int slices) {

  /** A server under test, named for the reports; {@code pid} 0 when its CPU is not read. */
  record Target(String name, URI uri, long pid) {}

  /** Bad command line: the message says what is wrong and what is allowed. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private static final List<String> NAMES = List.of("--url", "--server-pid", "--clients", "--messages",
      "--warmup-runs", "--runs", "--slow-ms", "--reply-timeout-seconds", "--connect-timeout-seconds",
      "--handshake-concurrency", "--settle-seconds", "--slices");

  long replyTimeoutNanos() {
    return TimeUnit.SECONDS.toNanos(replyTimeoutSeconds);
  }

  static Options parse(String[] args) throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> urls = new ArrayList<>();
    List<String> pids = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!NAMES.contains(name)) {
        throw new UsageException("unknown option \"" + name + "\"; expected one of " + NAMES);
      }
      if (i + 1 >= args.length) {
        throw new UsageException(name + " needs a value");
      }
      String value = args[++i];
      if (name.equals("--url")) {
        urls.add(value);
      } else if (name.equals("--server-pid")) {
        pids.add(value);
      } else if (values.put(name, value) != null) {
        throw new UsageException(name + " given twice");
      }
    }
    int messages = integer(values, "--messages", 200, 1, 100_000_000);
    int slices = integer(values, "--slices", 1, 1, 1000);
    if (messages % slices != 0) {
      throw new UsageException("--messages (" + messages + ") must be a multiple of --slices (" + slices + ")");
    }
    return new Options(targets(urls, pids),
        integer(values, "--clients", 100, 1, 19_000),
        messages,
        integer(values, "--warmup-runs", 1, 0, 1000),
        integer(values, "--runs", 1, 0, 1000),
        integer(values, "--slow-ms", 1000, 1, 3_600_000),
        integer(values, "--reply-timeout-seconds", 10, 1, 3600),
        integer(values, "--connect-timeout-seconds", 10, 1, 600),
        integer(values, "--handshake-concurrency", 200, 1, 10_000),
        integer(values, "--settle-seconds", 0, 0, 3600),
        slices);
  }

  private static int integer(Map<String, String> values, String name, int fallback, int min, int max)
      throws UsageException {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.replace("_", ""));
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(name + " must be an integer in [" + min + "," + max + "]: " + text);
  }

  private static List<Target> targets(List<String> urls, List<String> pids) throws UsageException {
    if (urls.isEmpty()) {
      throw new UsageException("--url is required, e.g. --url ws://127.0.0.1:8080/");
    }
    Map<String, Long> pidByName = new LinkedHashMap<>();
    for (String entry : pids) {
      String[] parts = split(entry);
      try {
        if (pidByName.put(parts[0], Long.parseLong(parts[1])) != null) {
          throw new UsageException("--server-pid given twice for " + parts[0]);
        }
      } catch (NumberFormatException e) {
        throw new UsageException("--server-pid must be [NAME=]PID with a numeric PID: " + entry);
      }
    }
    List<Target> result = new ArrayList<>();
    for (String entry : urls) {
      String[] parts = split(entry);
      String name = parts[0].isEmpty() ? "target" + (result.size() + 1) : parts[0];
      if (result.stream().anyMatch(t -> t.name().equals(name))) {
        throw new UsageException("--url name used twice: " + name);
      }
      Long pid = pidByName.remove(parts[0]);
      result.add(new Target(name, uri(parts[1]), pid == null ? 0 : pid));
    }
    if (!pidByName.isEmpty()) {
      throw new UsageException("--server-pid names no --url: " + pidByName.keySet());
    }
    return List.copyOf(result);
  }

  /** "NAME=VALUE" or "VALUE" (a ws:// URL is never split at its own '='). */
  private static String[] split(String entry) {
    int eq = entry.indexOf('=');
    if (eq < 0 || entry.startsWith("ws://") || entry.startsWith("wss://")) {
      return new String[] {"", entry};
    }
    return new String[] {entry.substring(0, eq), entry.substring(eq + 1)};
  }

  private static URI uri(String text) throws UsageException {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new UsageException("--url is not a URL: " + text);
    }
    if (!"ws".equals(uri.getScheme())) {
      throw new UsageException("--url must start with ws:// (the driver speaks plain WebSocket only): " + text);
    }
    if (uri.getHost() == null) {
      throw new UsageException("--url has no host: " + text);
    }
    boolean loopback; // load is only ever sent to this machine
    try {
      loopback = InetAddress.getByName(uri.getHost()).isLoopbackAddress();
    } catch (IOException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new UsageException("--url must point at this machine (a loopback address such as 127.0.0.1): " + text);
    }
    return uri;
  }
}

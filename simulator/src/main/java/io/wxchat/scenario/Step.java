package io.wxchat.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One scripted action of a scenario. In files a step is a one-key object named by its kind:
 * {@code - send: {client: alice, text: 你好}}. See {@link Steps} for the Java face.
 *
 * <p>Client names may contain {@code {i}} (the index inside {@code repeat} or {@code clients}) and
 * {@code {client}} (the client's own name inside {@code clients}); {@code "*"} means every connected
 * client where a step allows it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Step.Connect.class, name = "connect"),
    @JsonSubTypes.Type(value = Step.Send.class, name = "send"),
    @JsonSubTypes.Type(value = Step.Expect.class, name = "expect"),
    @JsonSubTypes.Type(value = Step.Silence.class, name = "silence"),
    @JsonSubTypes.Type(value = Step.ExpectClose.class, name = "expectClose"),
    @JsonSubTypes.Type(value = Step.OperatorSays.class, name = "operator"),
    @JsonSubTypes.Type(value = Step.HttpRequest.class, name = "http"),
    @JsonSubTypes.Type(value = Step.Wait.class, name = "wait"),
    @JsonSubTypes.Type(value = Step.Close.class, name = "close"),
    @JsonSubTypes.Type(value = Step.PauseReading.class, name = "pauseReading"),
    @JsonSubTypes.Type(value = Step.ResumeReading.class, name = "resumeReading"),
    @JsonSubTypes.Type(value = Step.Clients.class, name = "clients"),
    @JsonSubTypes.Type(value = Step.Repeat.class, name = "repeat"),
    @JsonSubTypes.Type(value = Step.OneOf.class, name = "oneOf"),
    @JsonSubTypes.Type(value = Step.EndOfInput.class, name = "endOfInput"),
    @JsonSubTypes.Type(value = Step.Fault.class, name = "fault"),
    @JsonSubTypes.Type(value = Step.Gap.class, name = "gap"),
    @JsonSubTypes.Type(value = Step.Canary.class, name = "canary"),
    @JsonSubTypes.Type(value = Step.UpgradeFlood.class, name = "upgradeFlood"),
    @JsonSubTypes.Type(value = Step.AwaitClose.class, name = "awaitClose"),
    @JsonSubTypes.Type(value = Step.Tcp.class, name = "tcp")})
@JsonInclude(JsonInclude.Include.NON_NULL) // an empty text is a text: write it
public sealed interface Step {
  /** The default bound of every wait for a frame. */
  Duration DEFAULT_WITHIN = Duration.ofSeconds(2);

  /**
   * This step, then every step nested in it, depth first: a repeat's and a group's steps (once, not
   * unrolled) and every branch's of a {@code oneOf}. {@code steps.stream().flatMap(Step::flattened)}
   * is the one walk of a step tree for questions such as "does any step speak as the operator".
   */
  default Stream<Step> flattened() {
    return Stream.of(this);
  }

  /** Whether a step of {@code kind} is among {@code steps} or nested anywhere in them. */
  static boolean anyIn(List<Step> steps, Class<? extends Step> kind) {
    return steps.stream().flatMap(Step::flattened).anyMatch(kind::isInstance);
  }

  /** The step kinds as files name them, for error messages. */
  List<String> KINDS = List.of("connect", "send", "expect", "silence", "expectClose", "operator", "http",
      "wait", "close", "pauseReading", "resumeReading", "clients", "repeat", "oneOf", "endOfInput",
      "fault", "gap", "canary", "upgradeFlood", "awaitClose", "tcp");

  /**
   * Opens a WebSocket as {@code client}, like {@code wx.connectSocket}: {@code connect: alice} or
   * {@code connect: {client: alice, path: /, headers: {...}, subprotocols: [...], raw: true}}.
   * {@code raw} uses a plain socket that can send any bytes and pause reading.
   */
  record Connect(String client, String path, Map<String, String> headers, List<String> subprotocols,
                 boolean raw, Duration within) implements Step {
    public Connect {
      requireName(client, "connect");
      path = path == null ? "/" : path;
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("connect: path must start with \"/\": " + path);
      }
      headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
      within = within == null ? Duration.ofSeconds(5) : within;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Connect named(String client) {
      return new Connect(client, null, null, null, false, null);
    }
  }

  /**
   * Sends one frame: {@code text} (a text frame; {@code times} repeats the text inside the one frame,
   * for large messages), {@code binary} (hex bytes in a binary frame) or {@code raw} (hex bytes
   * written to the socket as they are; needs a raw client).
   */
  record Send(String client, String text, String binary, String raw, Integer times) implements Step {
    public Send {
      requireName(client, "send");
      int given = (text == null ? 0 : 1) + (binary == null ? 0 : 1) + (raw == null ? 0 : 1);
      if (given != 1) {
        throw new IllegalArgumentException("send needs exactly one of text, binary, raw; got " + given);
      }
      if (times != null && (times < 1 || text == null)) {
        throw new IllegalArgumentException("send: times repeats a text and must be at least 1: " + times);
      }
      requireHex(binary, "send.binary");
      requireHex(raw, "send.raw");
    }
  }

  /**
   * The next {@code count} frames {@code client} receives (within {@code within} each) must match;
   * {@code "*"} expects it of every connected client.
   */
  record Expect(String client, Matcher message, Duration within, int count) implements Step {
    public Expect {
      requireName(client, "expect");
      Objects.requireNonNull(message, "expect needs a message matcher");
      within = within == null ? DEFAULT_WITHIN : within;
      count = count == 0 ? 1 : count;
      if (count < 1) {
        throw new IllegalArgumentException("expect: count must be at least 1: " + count);
      }
    }
  }

  /** Nothing arrives at {@code client} ({@code "*"}: any connected client) for the duration. */
  record Silence(String client, @JsonProperty("for") Duration quiet) implements Step {
    public Silence {
      requireName(client, "silence");
      Objects.requireNonNull(quiet, "silence needs a duration: for: 500ms");
    }
  }

  /**
   * The server closes {@code client}'s connection with {@code code}; codes in {@code nonStrictCodes}
   * (e.g. 1006, a dropped TCP connection) are NON_STRICT.
   */
  record ExpectClose(String client, Integer code, List<Integer> nonStrictCodes, Duration within)
      implements Step {
    public ExpectClose {
      requireName(client, "expectClose");
      nonStrictCodes = nonStrictCodes == null ? List.of() : List.copyOf(nonStrictCodes);
      within = within == null ? DEFAULT_WITHIN : within;
      if (code != null && (code < 1000 || code >= 5000)) {
        throw new IllegalArgumentException("close code must be in [1000,5000): " + code);
      }
    }
  }

  /** The operator types {@code line} on the server's console (needs an operator driver). */
  record OperatorSays(@JsonValue String line) implements Step {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public OperatorSays {
      Objects.requireNonNull(line, "operator needs a line");
    }
  }

  /**
   * A plain HTTP request (no WebSocket upgrade); the status must be {@code status} ({@code nonStrictStatus}:
   * NON_STRICT). {@code headers} are sent as given, {@code Connection} and {@code Upgrade} too (e.g. an
   * upgrade to {@code h2c}, T2).
   */
  record HttpRequest(String method, String path, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers,
                     int status, List<Integer> nonStrictStatus) implements Step {
    public HttpRequest {
      method = method == null ? "GET" : method;
      path = path == null ? "/" : path;
      headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      nonStrictStatus = nonStrictStatus == null ? List.of() : List.copyOf(nonStrictStatus);
      headers.forEach((name, value) -> {
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.matches(".*[\\r\\n].*")) {
          throw new IllegalArgumentException("http: a header needs a token name and a one-line value: \""
              + name + ": " + value + "\"");
        }
      });
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("http: status must be in [100,599]: " + status);
      }
    }
  }

  /** Does nothing for a while (prefer expect and silence, which wait for a reason). */
  record Wait(@JsonValue Duration duration) implements Step {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Wait {
      Objects.requireNonNull(duration, "wait needs a duration");
    }
  }

  /**
   * Closes {@code client}: a close handshake with {@code code} (default 1000), or {@code abrupt}: the
   * TCP connection drops with no close frame, as when WeChat kills a backgrounded app's socket.
   */
  record Close(String client, int code, boolean abrupt) implements Step {
    public Close {
      requireName(client, "close");
      code = code == 0 ? 1000 : code;
      if (code < 1000 || code >= 5000) {
        throw new IllegalArgumentException("close code must be in [1000,5000): " + code);
      }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Close named(String client) {
      return new Close(client, 1000, false);
    }
  }

  /** A raw client stops reading from its socket (a slow reader); its frames pile up in the kernel. */
  record PauseReading(@JsonValue String client) implements Step {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PauseReading {
      requireName(client, "pauseReading");
    }
  }

  /** A paused raw client reads again. */
  record ResumeReading(@JsonValue String client) implements Step {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ResumeReading {
      requireName(client, "resumeReading");
    }
  }

  /**
   * {@code count} clients named by {@code name} (with {@code {i}} from 1) each run {@code steps}
   * at the same time; inside, {@code {client}} is the client's own name.
   */
  record Clients(int count, String name, List<Step> steps) implements Step {
    public Clients {
      if (count < 1) {
        throw new IllegalArgumentException("clients: count must be at least 1: " + count);
      }
      name = name == null ? "client{i}" : name;
      if (!name.contains("{i}")) {
        throw new IllegalArgumentException("clients: name must contain {i} to tell the clients apart: " + name);
      }
      steps = List.copyOf(Objects.requireNonNull(steps, "clients needs steps"));
    }

    @Override
    public Stream<Step> flattened() {
      return Stream.concat(Stream.of(this), steps.stream().flatMap(Step::flattened));
    }
  }

  /** Runs {@code steps} {@code times} times in order; {@code {i}} counts from 1. */
  record Repeat(int times, List<Step> steps) implements Step {
    public Repeat {
      if (times < 1) {
        throw new IllegalArgumentException("repeat: times must be at least 1: " + times);
      }
      steps = List.copyOf(Objects.requireNonNull(steps, "repeat needs steps"));
    }

    @Override
    public Stream<Step> flattened() {
      return Stream.concat(Stream.of(this), steps.stream().flatMap(Step::flattened));
    }
  }

  /**
   * The documented behaviour, or a documented alternative that is NON_STRICT (what a seed server
   * does): the first step of each branch is an {@code expect} or a {@code silence} on one client, and
   * the next frame that client receives (or its absence) picks the branch, whose other steps then
   * run. The first branch is the documented one and has no {@code nonStrict}; a frame no branch
   * takes is judged by the first.
   * <pre>- oneOf:
   *     - steps: [{silence: {client: alice, for: 500ms}}]
   *     - nonStrict: the line was lost (seed 002 does this, see D1)
   *       steps: [{expect: {client: alice, message: ...}}]</pre>
   */
  record OneOf(@JsonValue List<Branch> branches) implements Step {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public OneOf {
      branches = List.copyOf(Objects.requireNonNull(branches, "oneOf needs branches"));
      if (branches.size() < 2) {
        throw new IllegalArgumentException("oneOf needs at least two branches: the documented one and an alternative");
      }
      if (branches.get(0).nonStrict() != null) {
        throw new IllegalArgumentException("oneOf: the first branch is the documented behaviour and has no nonStrict");
      }
      String client = null;
      for (int i = 0; i < branches.size(); i++) {
        Branch branch = branches.get(i);
        if (i > 0 && branch.nonStrict() == null) {
          throw new IllegalArgumentException("oneOf: branch " + (i + 1) + " needs nonStrict: the deviation it accepts");
        }
        String first = branch.firstClient();
        if (first == null || "*".equals(first) || client != null && !client.equals(first)) {
          throw new IllegalArgumentException("oneOf: every branch starts with an expect or a silence on one named"
              + " client, the same in all branches");
        }
        client = first;
      }
    }

    /** The client whose next frame picks the branch. */
    public String client() {
      return branches.get(0).firstClient();
    }

    @Override
    public Stream<Step> flattened() {
      return Stream.concat(Stream.of(this), branches.stream().flatMap(b -> b.steps().stream()).flatMap(Step::flattened));
    }
  }

  /** One branch of {@link OneOf}: its steps, and for an alternative the deviation it is (NON_STRICT). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Branch(String nonStrict, List<Step> steps) {
    public Branch {
      steps = List.copyOf(Objects.requireNonNull(steps, "a oneOf branch needs steps"));
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("a oneOf branch needs steps");
      }
    }

    String firstClient() {
      Step first = steps.get(0);
      return first instanceof Expect e ? e.client() : first instanceof Silence s ? s.client() : null;
    }
  }

  /**
   * The operator's console reaches the end of its input (stdin closes) after {@code lastLine}, typed
   * without a newline (empty: none); the server must go on serving (O5). Needs an operator driver.
   */
  record EndOfInput(String lastLine) implements Step {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public EndOfInput(@JsonProperty("lastLine") String lastLine) {
      this.lastLine = lastLine == null ? "" : lastLine;
    }
  }

  private static void requireName(String client, String step) {
    if (client == null || client.isBlank()) {
      throw new IllegalArgumentException(step + " needs a client name");
    }
  }

  private static void requireHex(String hex, String field) {
    if (hex != null) {
      try {
        HexFormat.of().parseHex(hex.replace(" ", ""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + " must be hex bytes like \"c3 28\": " + hex, e);
      }
    }
  }

  /**
   * Puts a fault on the wire between {@code between} and the target from now on (the client then
   * connects through a proxy): {@code fault: {between: alice, latency: 300ms}}; {@code clear: true}
   * removes it, {@code reset: true} resets alice's connection now (TCP RST, no close frame).
   */
  record Fault(String between, boolean clear, boolean reset, WireFault fault) implements Step {
    public Fault {
      requireName(between, "fault");
      fault = fault == null ? WireFault.NONE : fault;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Fault fromFields(Map<String, Object> fields) {
      Map<String, Object> rest = new LinkedHashMap<>(fields);
      Object between = rest.remove("between");
      boolean clear = Boolean.parseBoolean(String.valueOf(rest.remove("clear")));
      boolean reset = Boolean.parseBoolean(String.valueOf(rest.remove("reset")));
      try {
        return new Fault(between == null ? null : String.valueOf(between), clear, reset, WireFault.of(rest));
      } catch (IllegalArgumentException e) {
        List<String> known = new java.util.ArrayList<>(List.of("between", "clear", "reset"));
        WireFault.KEYS.forEach(key -> known.add(WireFault.camel(key)));
        throw new IllegalArgumentException(e.getMessage().startsWith("unknown fault")
            ? e.getMessage().replaceFirst("expected one of .*", "expected one of " + known) : e.getMessage(), e);
      }
    }

    @JsonValue
    Map<String, Object> fields() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("between", between);
      if (clear) {
        out.put("clear", true);
      }
      if (reset) {
        out.put("reset", true);
      }
      fault.fields().forEach((key, value) -> out.put(WireFault.camel(key),
          value.equals("true") ? (Object) Boolean.TRUE : value.matches("\\d+") ? (Object) Integer.valueOf(value) : value));
      return out;
    }
  }

  /**
   * The recorded time between the step before and the step after: {@code gap: 350ms}. A replay waits
   * it only with {@code --pace recorded} (or a fraction of it with {@code --pace 10x}).
   */
  record Gap(@JsonValue Duration recorded) implements Step {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Gap {
      Objects.requireNonNull(recorded, "gap needs a duration");
    }
  }

  /**
   * A bystander's latency while another client attacks: {@code client} sends {@code text} (if given)
   * and the next frame must arrive within {@code within} (default 5 s) and match {@code message}
   * (default any); slower than {@code slowAfter} (default 1 s) is NON_STRICT. The latency goes into
   * the transcript.
   */
  record Canary(String client, String text, Matcher message, Duration within, Duration slowAfter) implements Step {
    public Canary {
      requireName(client, "canary");
      within = within == null ? Duration.ofSeconds(5) : within;
      slowAfter = slowAfter == null ? Duration.ofSeconds(1) : slowAfter;
    }
  }

  /**
   * A plain TCP connection named {@code client} starts an upgrade request and sends header lines
   * that never end, up to {@code bytes} (at most 16 MiB), and records how the server answered. With
   * {@code within}, the server must answer (e.g. 431) or close by then, else the step fails.
   */
  record UpgradeFlood(String client, int bytes, Duration within) implements Step {
    public UpgradeFlood {
      requireName(client, "upgradeFlood");
      if (bytes < 1 || bytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("upgradeFlood: bytes must be in [1, 16777216]: " + bytes);
      }
    }
  }

  /**
   * A TCP connection named {@code client} writes {@code text} (UTF-8) or {@code raw} (hex bytes) and then
   * stays open without reading until the case ends: an upgrade request that never completes, or bytes
   * that are not HTTP at all (R3). Its bytes are the whole point, so nothing is judged on it.
   */
  record Tcp(String client, String text, String raw) implements Step {
    public Tcp {
      requireName(client, "tcp");
      if ((text == null) == (raw == null)) {
        throw new IllegalArgumentException("tcp needs exactly one of text, raw");
      }
      requireHex(raw, "tcp.raw");
    }

    /** The bytes to write. */
    public byte[] bytes() {
      return text != null ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8)
          : HexFormat.of().parseHex(raw.replace(" ", ""));
    }
  }

  /**
   * The server closes {@code client} within {@code within} (default 5 s); frames that arrive first are
   * skipped (a client that was not reading has a backlog); how many goes into the transcript.
   */
  record AwaitClose(String client, Duration within) implements Step {
    public AwaitClose {
      requireName(client, "awaitClose");
      within = within == null ? Duration.ofSeconds(5) : within;
    }
  }
}

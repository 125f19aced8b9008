package io.wxchat.record.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wxchat.record.Recording;
import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes what a recording saw as a scenario: connections become named clients in the order they
 * opened, client messages {@code send} steps, server messages generalised {@code expect} steps,
 * pauses {@code gap} steps, and operator lines (typed, or inferred from the wire) {@code operator} steps.
 */
public final class Transcription {
  private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
      "heidi", "ivan", "judy");
  private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "upgrade", "connection", "sec-websocket-key",
      "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol", "user-agent", "origin",
      "accept-encoding", "accept-language", "cache-control", "pragma", "content-length");
  /** A server frame within this long of a client text on its socket answers it. */
  private static final long REPLY_WINDOW_NANOS = Duration.ofMillis(1_500).toNanos();
  /** One operator push reaches every client within this long. */
  private static final long FAN_OUT_WINDOW_NANOS = Duration.ofMillis(300).toNanos();
  private static final long MIN_GAP_NANOS = Duration.ofMillis(20).toNanos();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Masks masks;
  private final Generaliser generaliser = new Generaliser();
  private final Map<Integer, String> names = new LinkedHashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Integer> inferredSteps = new ArrayList<>();
  private final Map<String, int[]> counts = new TreeMap<>();
  private long last;

  private Transcription(Masks masks) {
    this.masks = masks;
  }

  /**
   * The recording of {@code events} ({@code source} names where they came from, for the comment);
   * null when nothing opened.
   */
  public static Recording transcribe(String id, String title, String source, List<WireEvent> events, Masks masks) {
    Transcription t = new Transcription(masks);
    return t.run(id, title, source, events);
  }

  private Recording run(String id, String title, String unmaskedSource, List<WireEvent> events) {
    String source = masks.text(unmaskedSource, "the source URL");
    boolean typedOperator = events.stream().anyMatch(e -> e instanceof WireEvent.Operator);
    Map<WireEvent, String> inferred = typedOperator ? Map.of() : inferOperator(events);
    Map<Integer, Boolean> closing = new HashMap<>();
    int operatorLines = 0;
    long first = events.isEmpty() ? 0 : events.get(0).nanos();
    last = first;
    for (WireEvent event : events) {
      String line = inferred.get(event);
      if (line != null) {
        gap(event.nanos());
        steps.add(new Step.OperatorSays(masks.text(line, "an operator line")));
        inferredSteps.add(steps.size());
        operatorLines++;
      }
      if (event instanceof WireEvent.Open open) {
        if (open.status() != 101) {
          notes.add("a connection to " + open.path() + " was refused with HTTP " + open.status() + "; not replayed");
          continue;
        }
        String name = NAMES.size() > names.size() ? NAMES.get(names.size()) : "client" + (names.size() + 1);
        names.put(open.connection(), name);
        counts.put(name, new int[2]);
        gap(open.nanos());
        String path = masks.text(open.path(), "the request path"); // before the headers: token= names the token
        Map<String, String> headers = new LinkedHashMap<>();
        open.headers().forEach((k, v) -> {
          if (!HANDSHAKE_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
            headers.put(k, masks.header(k, v));
          }
        });
        steps.add(new Step.Connect(name, path, headers, open.subprotocols(),
            false, null));
      } else if (event instanceof WireEvent.Operator operator) {
        gap(operator.nanos());
        steps.add(new Step.OperatorSays(masks.text(operator.line(), "an operator line")));
        operatorLines++;
      } else if (names.containsKey(event.connection())) {
        client(event, names.get(event.connection()), closing);
      }
    }
    if (steps.isEmpty()) {
      return null;
    }
    Scenario scenario = Scenario.builder(id)
        .title(title != null ? title : "Recorded session of " + names.size() + " client" + (names.size() == 1 ? "" : "s"))
        .expectation(expectation(operatorLines, typedOperator, source))
        .rules(operatorLines > 0 ? new String[] {"T1", "C1", "O5"} : new String[] {"T1", "C1"})
        .tags("recorded")
        .requires(operatorLines > 0 ? new Requirement[] {Requirement.FRESH, Requirement.OPERATOR}
            : new Requirement[] {Requirement.FRESH})
        .timeout(Duration.ofMillis(Math.max(Scenario.DEFAULT_TIMEOUT.toMillis(),
            3 * Duration.ofNanos(last - first).toMillis() + 10_000)))
        .steps(steps.toArray(Step[]::new))
        .build();
    return new Recording(scenario, comments(source, typedOperator));
  }

  private void client(WireEvent event, String name, Map<Integer, Boolean> closing) {
    int conn = event.connection();
    if (event instanceof WireEvent.Message m && m.toServer()) {
      gap(m.nanos());
      steps.add(m.text() != null
          ? new Step.Send(name, masks.text(m.text(), "a sent text"), null, null, null)
          : new Step.Send(name, null, HexFormat.ofDelimiter(" ").formatHex(m.binary()), null, null));
      counts.get(name)[0]++;
    } else if (event instanceof WireEvent.Message m) {
      if (m.text() == null) {
        notes.add(name + " received a binary frame (" + m.binary().length + " bytes); expects are for text frames, not replayed");
        return;
      }
      Duration took = Duration.ofNanos(m.nanos() - last);
      Duration within = took.toMillis() * 2 > Step.DEFAULT_WITHIN.toMillis() ? took.multipliedBy(2) : null;
      steps.add(new Step.Expect(name, generaliser.matcherFor(masks.text(m.text(), "a received text")), within, 1));
      counts.get(name)[1]++;
      last = m.nanos();
    } else if (event instanceof WireEvent.Close c && closing.putIfAbsent(conn, true) == null) {
      gap(c.nanos());
      int code = c.code() >= 1000 && c.code() < 5000 && c.code() != 1005 && c.code() != 1006 ? c.code() : 1000;
      steps.add(c.toServer() ? new Step.Close(name, code, false) : new Step.ExpectClose(name, code, List.of(), null));
    } else if (event instanceof WireEvent.End end && closing.putIfAbsent(conn, true) == null) {
      gap(end.nanos());
      steps.add(end.byClient() ? new Step.Close(name, 1000, true) : new Step.ExpectClose(name, 1006, List.of(), null));
    }
  }

  private void gap(long nanos) {
    if (nanos - last >= MIN_GAP_NANOS && !steps.isEmpty()) {
      steps.add(new Step.Gap(Duration.ofMillis(Duration.ofNanos(nanos - last).toMillis())));
    }
    last = Math.max(last, nanos);
  }

  /**
   * Server texts that no client text on their socket caused (none in the reply window) and that
   * reached every open client within the fan-out window: each group is one operator line.
   */
  private static Map<WireEvent, String> inferOperator(List<WireEvent> events) {
    Map<Integer, List<Long>> unanswered = new HashMap<>();
    Set<Integer> open = new java.util.HashSet<>();
    Map<WireEvent, String> inferred = new HashMap<>();
    List<WireEvent.Message> group = new ArrayList<>();
    int groupSize = 0;
    for (WireEvent event : events) {
      if (event instanceof WireEvent.Open o && o.status() == 101) {
        open.add(o.connection());
      } else if (event instanceof WireEvent.End || event instanceof WireEvent.Close) {
        open.remove(event.connection());
      } else if (event instanceof WireEvent.Message m && m.toServer() && m.text() != null) {
        unanswered.computeIfAbsent(m.connection(), k -> new ArrayList<>()).add(m.nanos());
      } else if (event instanceof WireEvent.Message m && m.text() != null) {
        List<Long> asked = unanswered.getOrDefault(m.connection(), new ArrayList<>());
        asked.removeIf(at -> m.nanos() - at > REPLY_WINDOW_NANOS);
        if (!asked.isEmpty()) {
          asked.remove(0); // a reply
          continue;
        }
        if (!group.isEmpty() && (!group.get(0).text().equals(m.text())
            || m.nanos() - group.get(0).nanos() > FAN_OUT_WINDOW_NANOS)) {
          group.clear();
        }
        if (group.isEmpty()) {
          groupSize = open.size();
        }
        group.add(m);
        if (group.size() == groupSize) {
          inferred.put(group.get(0), lineOf(m.text()));
          group.clear();
        }
      }
    }
    return inferred;
  }

  private static String lineOf(String frame) {
    try {
      JsonNode node = JSON.readTree(frame);
      if (node != null && node.isObject() && node.path("content").isTextual()) {
        return node.get("content").asText();
      }
    } catch (IOException notJson) {
      // the frame itself is the line
    }
    return frame;
  }

  private String expectation(int operatorLines, boolean typed, String source) {
    StringBuilder text = new StringBuilder().append(names.size()).append(names.size() == 1 ? " client" : " clients");
    counts.forEach((name, c) -> text.append("; ").append(name).append(" sends ").append(c[0])
        .append(c[0] == 1 ? " message" : " messages").append(" and receives ").append(c[1])
        .append(c[1] == 1 ? " frame" : " frames"));
    if (operatorLines > 0) {
      text.append("; the operator pushes ").append(operatorLines).append(operatorLines == 1 ? " line" : " lines")
          .append(typed ? "" : " (inferred from the wire)");
    }
    return text.append(". Every frame arrives as recorded from ").append(source)
        .append(", dates in their documented format.").toString();
  }

  private List<String> comments(String source, boolean typedOperator) {
    List<String> lines = new ArrayList<>();
    lines.add("Recorded from " + source + " by wxchat-sim; replay it with wxchat-sim run --scenarios <this file>.");
    Map<String, Integer> generalised = generaliser.generalised();
    lines.add(generalised.isEmpty()
        ? "Generalised: nothing; every frame is matched exactly."
        : "Generalised: " + String.join(", ", generalised.entrySet().stream()
            .map(e -> e.getValue() + "x " + e.getKey()).toList()) + "; every other field is exact.");
    Map<String, List<String>> secrets = masks.variables();
    if (!secrets.isEmpty()) {
      lines.add("Secrets: not in this file. Each {NAME} stands for one; a replay sends the variable's value instead.");
      lines.add("Set them with: wxchat-sim run " + String.join(" ", secrets.keySet().stream()
          .map(name -> "--var " + name + "=...").toList()) + " (or environment variables of those names)");
      secrets.forEach((name, where) -> lines.add("  {" + name + "}: " + String.join(", ", where)));
    }
    for (String literal : masks.literalReferences()) {
      if (!secrets.containsKey(literal)) {
        notes.add("the recorded text {" + literal + "} reads as a variable in a replay; to send it as recorded,"
            + " replay with --var " + literal + "='{" + literal + "}'");
      }
    }
    if (!inferredSteps.isEmpty()) {
      lines.add("Inferred: the operator steps " + inferredSteps + " come from frames that reached every client"
          + " unasked; no console was recorded" + (typedOperator ? "." : " (run record --server-cmd for exact ones)."));
    }
    lines.add("Timing: gap steps hold the recorded pauses; run --pace recorded (or --pace 10x) replays them.");
    notes.forEach(note -> lines.add("Note: " + note));
    return lines;
  }
}

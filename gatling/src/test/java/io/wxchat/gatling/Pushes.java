package io.wxchat.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.Session;
import io.wxchat.gatling.internal.DeliveryLog;
import io.wxchat.scenario.DateStyle;
import io.wxchat.scenario.Matcher;
import io.wxchat.scenario.Matchers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator lines of the fan-out: each carries its number and the instant it was sent
 * ({@code 客服广播 3 @1764650000123}), so every client times its delivery from the push itself and
 * tells a missing or repeated line apart. {@code Pushes.line(3)}. The first {@code warmUps} lines are
 * checked the same way and timed apart (their deliveries carry the warm-up flag).
 */
final class Pushes {
  static final String SEEN = "wxchat.pushes.seen";
  static final String PREFIX = "客服广播 ";
  private static final Pattern LINE = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+) @(\\d+)");
  /** What a push must look like on the wire (rule O1), judged by the simulator's matchers. */
  static final Matcher PUSH = Matchers.json("content", Matchers.matches(LINE.pattern()),
      "date", Matchers.date(DateStyle.OPERATOR));
  private static final ObjectMapper JSON = new ObjectMapper();

  private Pushes() {
  }

  /** Push {@code n}, stamped now: evaluated by Gatling at the moment it sends the frame. */
  static String line(int n) {
    return PREFIX + n + " @" + System.currentTimeMillis();
  }

  /**
   * Takes the frames a client received: each well-formed push seen for the first time becomes a
   * delivery timed from its stamp; a repeated, malformed or unexpected frame is a failed delivery.
   */
  static Session receive(List<WsInboundMessage> messages, Session session, int warmUps) {
    Set<Integer> seen = new HashSet<>(session.contains(SEEN) ? session.<Integer>getSet(SEEN) : Set.of());
    List<long[]> timings = new ArrayList<>(session.contains(DeliveryLog.KEY)
        ? session.<long[]>getList(DeliveryLog.KEY) : List.of());
    for (WsInboundMessage message : messages) {
      String text = message instanceof WsInboundMessage.Text t ? t.message() : "";
      java.util.regex.Matcher line = LINE.matcher(content(text));
      boolean wellFormed = MatcherCheck.failure(PUSH, text).isEmpty() && line.matches();
      if (wellFormed && seen.add(Integer.parseInt(line.group(1)))) {
        boolean warmUp = Integer.parseInt(line.group(1)) <= warmUps;
        timings.add(new long[] {Long.parseLong(line.group(2)), message.timestamp(), 1, warmUp ? 1 : 0});
      } else {
        Inbox.report("push delivered", "unexpected or repeated frame: " + text);
        timings.add(new long[] {message.timestamp(), message.timestamp(), 0});
      }
    }
    return session.set(SEEN, Set.copyOf(seen)).set(DeliveryLog.KEY, List.copyOf(timings));
  }

  /** One failed delivery per line that never came, once the operator is done. */
  static Session missing(Session session, int pushes, int warmUps) {
    Set<Integer> seen = session.contains(SEEN) ? session.<Integer>getSet(SEEN) : Set.of();
    List<long[]> timings = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int n = 1; n <= pushes; n++) {
      if (!seen.contains(n)) {
        Inbox.report("push delivered", "push " + n + " never reached a client");
        timings.add(new long[] {now, now, 0, n <= warmUps ? 1 : 0});
      }
    }
    return session.set(DeliveryLog.KEY, List.copyOf(timings));
  }

  static int seen(Session session) {
    return session.contains(SEEN) ? session.<Integer>getSet(SEEN).size() : 0;
  }

  private static String content(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.path("content").isTextual() ? node.get("content").asText() : "";
    } catch (IOException e) {
      return "";
    }
  }
}

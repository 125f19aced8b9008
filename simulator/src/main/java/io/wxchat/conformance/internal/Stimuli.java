package io.wxchat.conformance.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When each client last gave the server a reason to send (a text, reading again) and when the
 * operator last spoke, to time replies and pushes against the protocol's 1 s (O3, O5, E1) and to
 * tell a second answer from any other frame in a silence.
 */
final class Stimuli {
  /** The protocol's bound on a reply or a push (O3, O5, E1); the suites wait 2 s. */
  static final long PROMPT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final String OPERATOR = "\u0000operator";

  private final Map<String, Long> since = new ConcurrentHashMap<>();
  private final Map<String, Long> answered = new ConcurrentHashMap<>();

  void sent(String client) {
    since.put(client, System.nanoTime());
    answered.remove(client);
  }

  void resumed(String client) {
    since.put(client, System.nanoTime());
  }

  void operatorSpoke() {
    since.put(OPERATOR, System.nanoTime());
    answered.clear();
  }

  /** {@code the reply came 1340 ms after the text it answers (the protocol asks for 1 s)}, if it was late. */
  Optional<String> lateness(String client, long arrivedNanos) {
    long own = since.getOrDefault(client, 0L);
    long operator = since.getOrDefault(OPERATOR, 0L);
    long previous = answered.getOrDefault(client, 0L);
    long from = Math.max(Math.max(own, operator), previous);
    if (from == 0 || arrivedNanos - from <= PROMPT_NANOS) {
      return Optional.empty();
    }
    String what = previous == from ? "the frame before it" : operator == from ? "the operator's line" : "the text it answers";
    return Optional.of((operator == from ? "the push" : "the reply") + " came " + Texts.millis(arrivedNanos - from)
        + " after " + what + " (the protocol asks for 1 s; the suites wait 2 s)");
  }

  /** Marks that an expect took the frame that arrived at {@code arrivedNanos} as the answer. */
  void answered(String client, long arrivedNanos) {
    answered.put(client, arrivedNanos);
  }

  /** {@code a second reply arrived 0.1 ms after the first (each text gets exactly one)}, if it is one. */
  Optional<String> second(String client, long arrivedNanos) {
    Long first = answered.get(client);
    if (first == null) {
      return Optional.empty();
    }
    boolean push = since.getOrDefault(OPERATOR, 0L) > since.getOrDefault(client, 0L);
    return Optional.of(push
        ? "a second push arrived " + Texts.millis(arrivedNanos - first) + " after the first (each line is pushed"
            + " exactly once)"
        : "a second reply arrived " + Texts.millis(arrivedNanos - first) + " after the first (each text gets"
            + " exactly one)");
  }
}

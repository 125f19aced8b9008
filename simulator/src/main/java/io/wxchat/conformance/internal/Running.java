package io.wxchat.conformance.internal;

import io.wxchat.scenario.Step;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which step each thread of a case is running, so a case its watchdog stops can say where it was. */
final class Running {
  private final Map<Thread, Deque<Entry>> byThread = new ConcurrentHashMap<>();

  /** One step in progress: its number and name, and when it began. */
  record Entry(String label, Step step, long startNanos) {
    /** {@code was writing: the server stopped reading}, by the kind of step. */
    String doing() {
      if (step instanceof Step.Send) {
        return "was writing: the server stopped reading";
      } else if (step instanceof Step.Connect) {
        return "was connecting";
      } else if (step instanceof Step.OperatorSays) {
        return "was typing the operator's line";
      } else if (step instanceof Step.HttpRequest) {
        return "was waiting for the HTTP answer";
      } else if (step instanceof Step.Close) {
        return "was closing the connection";
      }
      return "was waiting";
    }
  }

  void enter(String label, Step step) {
    byThread.computeIfAbsent(Thread.currentThread(), t -> new ConcurrentLinkedDeque<>())
        .push(new Entry(label, step, System.nanoTime()));
  }

  void leave() {
    Deque<Entry> steps = byThread.get(Thread.currentThread());
    if (steps != null) {
      steps.poll();
    }
  }

  /** The innermost step that has been running longest: where a stuck case is stuck. */
  Optional<Entry> stuck() {
    return byThread.values().stream().map(Deque::peek).filter(java.util.Objects::nonNull)
        .min(java.util.Comparator.comparingLong(Entry::startNanos));
  }
}

package io.wxchat.conformance.internal;

import io.wxchat.scenario.Step;

/** How a step is named in failure messages: {@code expect, client alice}. */
final class StepNames {
  private StepNames() {
  }

  static String describe(Step step, Bindings b) {
    if (step instanceof Step.Connect c) {
      return "connect, client " + b.apply(c.client());
    } else if (step instanceof Step.Send s) {
      return "send, client " + b.apply(s.client());
    } else if (step instanceof Step.Expect e) {
      return "expect, client " + b.apply(e.client());
    } else if (step instanceof Step.Silence s) {
      return "silence, client " + b.apply(s.client());
    } else if (step instanceof Step.ExpectClose c) {
      return "expectClose, client " + b.apply(c.client());
    } else if (step instanceof Step.OperatorSays) {
      return "operator";
    } else if (step instanceof Step.HttpRequest h) {
      return "http " + h.method() + " " + h.path();
    } else if (step instanceof Step.Close c) {
      return (c.abrupt() ? "drop" : "close") + ", client " + b.apply(c.client());
    } else if (step instanceof Step.PauseReading p) {
      return "pauseReading, client " + b.apply(p.client());
    } else if (step instanceof Step.ResumeReading r) {
      return "resumeReading, client " + b.apply(r.client());
    } else if (step instanceof Step.Clients c) {
      return "clients x" + c.count();
    } else if (step instanceof Step.Repeat r) {
      return "repeat x" + r.times();
    } else if (step instanceof Step.OneOf o) {
      return "oneOf, client " + b.apply(o.client());
    } else if (step instanceof Step.EndOfInput) {
      return "endOfInput";
    } else if (step instanceof Step.Canary c) {
      return "canary, client " + b.apply(c.client());
    } else if (step instanceof Step.UpgradeFlood u) {
      return "upgradeFlood, client " + b.apply(u.client());
    } else if (step instanceof Step.AwaitClose a) {
      return "awaitClose, client " + b.apply(a.client());
    } else if (step instanceof Step.Tcp t) {
      return "tcp, client " + b.apply(t.client());
    } else if (step instanceof Step.Fault f) {
      return "fault " + faultWords(f) + ", between " + b.apply(f.between());
    } else if (step instanceof Step.Gap g) {
      return "gap " + io.wxchat.scenario.ScenarioFiles.formatDuration(g.recorded()) + ", a recorded pause";
    }
    return "wait";
  }

  /** {@code latency 300ms jitter 100ms}, {@code reset}, {@code clear}, as the step's fields read. */
  private static String faultWords(Step.Fault f) {
    java.util.List<String> words = new java.util.ArrayList<>();
    if (f.reset()) {
      words.add("reset");
    }
    if (f.clear()) {
      words.add("clear");
    }
    f.fault().fields().forEach((key, value) -> words.add(value.equals("true") ? key : key + " " + value));
    return words.isEmpty() ? "none" : String.join(" ", words);
  }
}

package io.wxchat.conformance.internal;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the steps of a recorded scenario (tag {@code recorded}) are named in failure messages: by
 * what they were in the recording, counted per client, since a person knows the session, not the
 * file: {@code the 2nd frame alice received in the recording}, {@code the 3rd message alice sent in
 * the recording}. Other scenarios keep {@link StepNames}.
 */
final class RecordedSteps {
  static final RecordedSteps NONE = new RecordedSteps();

  private record Name(String client, String template) {
  }

  /** Per list of steps (by identity, as the runner walks them), the name of each step, or null. */
  private final Map<List<Step>, Name[]> names = new IdentityHashMap<>();

  private RecordedSteps() {
  }

  static RecordedSteps of(Scenario scenario) {
    if (!scenario.tags().contains("recorded")) {
      return NONE;
    }
    RecordedSteps recorded = new RecordedSteps();
    recorded.count(scenario.steps());
    return recorded;
  }

  /** The step's recorded name with {@code b} applied to its client, or null for the usual name. */
  String describe(List<Step> steps, int index, Bindings b) {
    Name[] list = names.get(steps);
    Name name = list == null ? null : list[index];
    return name == null ? null : name.template().replace("%client", b.apply(name.client()));
  }

  private void count(List<Step> steps) {
    Name[] list = new Name[steps.size()];
    Map<String, int[]> sent = new HashMap<>();
    Map<String, int[]> received = new HashMap<>();
    int lines = 0;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step instanceof Step.Connect c) {
        list[i] = new Name(c.client(), "%client connecting, as in the recording");
      } else if (step instanceof Step.Send s) {
        int n = ++sent.computeIfAbsent(s.client(), k -> new int[1])[0];
        list[i] = new Name(s.client(), "the " + ordinal(n) + " message %client sent in the recording");
      } else if (step instanceof Step.Expect e) {
        int[] seen = received.computeIfAbsent(e.client(), k -> new int[1]);
        int first = seen[0] + 1;
        seen[0] += e.count();
        list[i] = new Name(e.client(), e.count() == 1 ? "the " + ordinal(first) + " frame %client received in the"
            + " recording" : "frames " + first + "-" + seen[0] + " %client received in the recording");
      } else if (step instanceof Step.ExpectClose c) {
        list[i] = new Name(c.client(), "the close %client received in the recording");
      } else if (step instanceof Step.Close c) {
        list[i] = new Name(c.client(), (c.abrupt() ? "%client dropping the connection" : "%client closing")
            + ", as in the recording");
      } else if (step instanceof Step.OperatorSays) {
        list[i] = new Name("", "the operator's " + ordinal(++lines) + " line in the recording");
      } else if (step instanceof Step.Clients c) {
        count(c.steps()); // --copies: each copy's steps, named for its own clients
      }
    }
    names.put(steps, list);
  }

  /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st. */
  static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
        : switch (n % 10) {
          case 1 -> "st";
          case 2 -> "nd";
          case 3 -> "rd";
          default -> "th";
        };
    return n + suffix;
  }
}

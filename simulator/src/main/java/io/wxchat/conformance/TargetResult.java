package io.wxchat.conformance;

import java.util.List;

/**
 * Every case run against one target, in catalogue order.
 *
 * @param name the target's short name, also its report folder
 * @param description what it is: a URL, a command, the embedded reference server
 * @param aborted why the run against it stopped early, or empty
 * @param harnessLateNanos the worst lateness of the harness's own threads during the run (a 10 ms
 *     timer's overshoot), or 0 when not measured
 */
public record TargetResult(String name, String description, String profile, List<CaseResult> cases,
                           String aborted, long harnessLateNanos) {
  public TargetResult {
    cases = List.copyOf(cases);
    aborted = aborted == null ? "" : aborted;
  }

  public TargetResult(String name, String description, String profile, List<CaseResult> cases, String aborted) {
    this(name, description, profile, cases, aborted, 0);
  }

  public long count(Verdict verdict) {
    return cases.stream().filter(c -> c.verdict() == verdict).count();
  }

  /** The cases the runner ran a second time, alone on a fresh server. */
  public List<CaseResult> rerun() {
    return cases.stream().filter(c -> !c.rerun().isEmpty()).toList();
  }
}

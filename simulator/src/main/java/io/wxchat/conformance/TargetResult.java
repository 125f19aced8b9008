package io.wxchat.conformance;

import java.util.List;

/**
 * Every case run against one target, in catalogue order.
 *
 * @param name the target's short name, also its report folder
 * @param description what it is: a URL, a command, the embedded reference server
 * @param aborted why the run against it stopped early, or empty
 */
public record TargetResult(String name, String description, String profile, List<CaseResult> cases,
                           String aborted) {
  public TargetResult {
    cases = List.copyOf(cases);
    aborted = aborted == null ? "" : aborted;
  }

  public long count(Verdict verdict) {
    return cases.stream().filter(c -> c.verdict() == verdict).count();
  }
}

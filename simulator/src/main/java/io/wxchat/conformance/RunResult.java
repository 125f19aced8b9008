package io.wxchat.conformance;

import java.time.Instant;
import java.util.List;

/** A whole run: one result per target, with the options that shape the verdict. */
public record RunResult(List<TargetResult> targets, Instant started, Instant finished, boolean strict) {
  public RunResult {
    targets = List.copyOf(targets);
  }

  /** PASSED and NON_STRICT (unless strict) count as passed. */
  public long passed() {
    return targets.stream().flatMap(t -> t.cases().stream())
        .filter(c -> c.verdict() == Verdict.PASSED || (!strict && c.verdict() == Verdict.NON_STRICT)).count();
  }

  public long failed() {
    return targets.stream().flatMap(t -> t.cases().stream())
        .filter(c -> !c.verdict().acceptable(strict)).count();
  }

  /** UNIMPLEMENTED and INFORMATIONAL: judged neither way. */
  public long skipped() {
    return targets.stream().flatMap(t -> t.cases().stream())
        .filter(c -> c.verdict() == Verdict.UNIMPLEMENTED || c.verdict() == Verdict.INFORMATIONAL).count();
  }

  public boolean aborted() {
    return targets.stream().anyMatch(t -> !t.aborted().isEmpty());
  }

  /** The console's last line: {@code N passed, N failed} (and {@code , N skipped}). */
  public String summaryLine() {
    long skipped = skipped();
    return passed() + " passed, " + failed() + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
  }
}

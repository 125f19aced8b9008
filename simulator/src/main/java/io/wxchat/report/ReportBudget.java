package io.wxchat.report;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.TargetResult;
import io.wxchat.session.RecordedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keeps a run's reports a few MB whatever the servers sent: the transcripts of one target share
 * {@link #TARGET_CHARS}. Small transcripts are written whole; the largest share what is left, each
 * keeping its first events and its last ones, with a note of how many events and chars were left out.
 */
final class ReportBudget {
  /** Payload and per-event overhead, in chars, of every transcript of one target together. */
  static final long TARGET_CHARS = 1L << 20;
  /** What one event costs in the reports beyond its payload (client, time, kind, markup). */
  static final int EVENT_CHARS = 200;
  private static final double TAIL_SHARE = 0.1;

  private ReportBudget() {
  }

  static RunResult apply(RunResult run) {
    List<TargetResult> targets = run.targets().stream().map(ReportBudget::apply).toList();
    return new RunResult(targets, run.started(), run.finished(), run.strict());
  }

  private static TargetResult apply(TargetResult target) {
    List<CaseResult> cases = target.cases();
    long[] sizes = cases.stream().mapToLong(c -> size(c.transcript())).toArray();
    long[] allowed = shares(sizes, TARGET_CHARS);
    List<CaseResult> trimmed = new ArrayList<>(cases.size());
    for (int i = 0; i < cases.size(); i++) {
      CaseResult c = cases.get(i);
      trimmed.add(sizes[i] <= allowed[i] ? c : c.withTranscript(cut(c.transcript(), allowed[i])));
    }
    return new TargetResult(target.name(), target.description(), target.profile(), trimmed, target.aborted(),
        target.harnessLateNanos());
  }

  /** Water-filling: each gets what it needs, or an equal share of what the smaller ones left. */
  static long[] shares(long[] sizes, long budget) {
    Integer[] order = new Integer[sizes.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Long.compare(sizes[a], sizes[b]));
    long[] shares = new long[sizes.length];
    long left = budget;
    for (int n = 0; n < order.length; n++) {
      long share = Math.min(sizes[order[n]], left / (order.length - n));
      shares[order[n]] = share;
      left -= share;
    }
    return shares;
  }

  static long size(List<RecordedEvent> events) {
    return events.stream().mapToLong(ReportBudget::size).sum();
  }

  private static long size(RecordedEvent event) {
    return EVENT_CHARS + (event.payload() == null ? 0 : event.payload().length());
  }

  private static List<RecordedEvent> cut(List<RecordedEvent> events, long allowed) {
    long tailBudget = (long) (allowed * TAIL_SHARE);
    int tailStart = events.size();
    for (long spent = 0; tailStart > 0 && spent + size(events.get(tailStart - 1)) <= tailBudget; tailStart--) {
      spent += size(events.get(tailStart - 1));
    }
    int headEnd = 0;
    for (long spent = 0; headEnd < tailStart && spent + size(events.get(headEnd)) <= allowed - tailBudget; headEnd++) {
      spent += size(events.get(headEnd));
    }
    List<RecordedEvent> left = events.subList(headEnd, tailStart);
    List<RecordedEvent> kept = new ArrayList<>(events.subList(0, headEnd));
    long at = left.isEmpty() ? 0 : left.get(0).nanos();
    kept.add(new RecordedEvent("harness", at, RecordedEvent.Direction.INFO, RecordedEvent.Kind.ERROR,
        String.format(Locale.ROOT, "report cut: %,d events (%,d chars) left out here; the transcripts of one target"
            + " share %,d chars in the reports, so the largest are cut", left.size(), size(left), TARGET_CHARS), 0));
    kept.addAll(events.subList(tailStart, events.size()));
    return kept;
  }
}

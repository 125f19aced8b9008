package io.wxchat.report;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import io.wxchat.session.RecordedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cases of a run as rows (grouped by suite, in the order the targets ran them) and targets as
 * columns; a target that did not run a case (it stopped early, or the case is of another profile)
 * has an empty cell.
 */
final class CaseGrid {
  private final List<TargetFolder> targets;
  private final Map<String, List<Row>> suites = new LinkedHashMap<>();

  CaseGrid(List<TargetFolder> targets) {
    this.targets = List.copyOf(targets);
    Map<String, CaseResult[]> cells = new LinkedHashMap<>();
    Map<String, Scenario> scenarios = new LinkedHashMap<>();
    for (int t = 0; t < targets.size(); t++) {
      for (CaseResult result : targets.get(t).target().cases()) {
        scenarios.putIfAbsent(result.id(), result.scenario());
        cells.computeIfAbsent(result.id(), id -> new CaseResult[targets.size()])[t] = result;
      }
    }
    scenarios.forEach((id, scenario) -> suites.computeIfAbsent(scenario.suite(), s -> new ArrayList<>())
        .add(new Row(scenario, Arrays.asList(cells.get(id)))));
  }

  List<TargetFolder> targets() {
    return targets;
  }

  Map<String, List<Row>> suites() {
    return suites;
  }

  List<Row> rows() {
    return suites.values().stream().flatMap(List::stream).toList();
  }

  /** One case: its result per target (null where it did not run) and where the transcripts diverge. */
  static final class Row {
    private final Scenario scenario;
    private final List<CaseResult> cells;
    private final Integer[] divergence;
    private final boolean[] missing;
    private final boolean compared;
    private String divergentClient;

    Row(Scenario scenario, List<CaseResult> cells) {
      this.scenario = scenario;
      this.cells = cells;
      this.divergence = new Integer[cells.size()];
      this.missing = new boolean[cells.size()];
      // UNIMPLEMENTED cases did not talk to the server: nothing to compare
      List<Integer> compared = new ArrayList<>();
      for (int t = 0; t < cells.size(); t++) {
        if (cells.get(t) != null && cells.get(t).verdict() != Verdict.UNIMPLEMENTED) {
          compared.add(t);
        }
      }
      this.compared = compared.size() > 1;
      List<List<RecordedEvent>> transcripts = compared.stream().map(t -> cells.get(t).transcript()).toList();
      Divergence.find(transcripts).ifPresent(found -> {
        divergentClient = found.client();
        for (int i = 0; i < compared.size(); i++) {
          divergence[compared.get(i)] = found.frames().get(i);
          missing[compared.get(i)] = found.missing().get(i);
        }
      });
    }

    Scenario scenario() {
      return scenario;
    }

    String id() {
      return scenario.id();
    }

    /** The result against target {@code t}, or null. */
    CaseResult cell(int t) {
      return cells.get(t);
    }

    /** The 0-based index of the first divergent frame in target {@code t}'s transcript. */
    Optional<Integer> divergence(int t) {
      return Optional.ofNullable(divergence[t]);
    }

    /** The client whose frames diverge first, if any do. */
    Optional<String> divergentClient() {
      return Optional.ofNullable(divergentClient);
    }

    /** Whether target {@code t} lacks the frame where the others diverge from it. */
    boolean missing(int t) {
      return missing[t];
    }

    /** Whether two or more targets talked to the server in this case, so their transcripts compare. */
    boolean compared() {
      return compared;
    }

    boolean diverges() {
      return Arrays.stream(divergence).anyMatch(Objects::nonNull);
    }

    /** Passed everywhere it ran, with the same transcript: nothing to look at. */
    boolean clean() {
      return !diverges() && cells.stream().filter(Objects::nonNull).allMatch(c -> c.verdict() == Verdict.PASSED);
    }
  }
}

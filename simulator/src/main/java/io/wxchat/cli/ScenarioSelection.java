package io.wxchat.cli;

import io.wxchat.scenario.BundledScenarios;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The options that pick scenarios, shared by run and list. */
final class ScenarioSelection {
  @Option(names = "--scenarios", paramLabel = "DIR",
      description = "scenario files or folder (default: ./scenarios, else $WXCHAT_SCENARIOS, else the suites in the jar)")
  Path scenarios;

  @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "only cases with one of these tags")
  List<String> tags = List.of();

  @Option(names = "--case", paramLabel = "ID", description = "only this case, or an id prefix like operator.2 (repeatable)")
  List<String> cases = List.of();

  @Option(names = "--suite", split = ",", paramLabel = "SUITE",
      description = "only the cases of these suites (the id's first part), e.g. hardening; opt-in suites "
          + "(hardening) run only when named here, in --tags or in --case")
  List<String> suites = List.of();

  private Path root;

  List<Scenario> load() {
    Path root = scenarios != null ? scenarios : Path.of("scenarios");
    if (scenarios == null && !Files.exists(root) && System.getenv("WXCHAT_SCENARIOS") != null) {
      root = Path.of(System.getenv("WXCHAT_SCENARIOS"));
    }
    if (scenarios == null && !Files.exists(root)) {
      root = BundledScenarios.root(); // the suites the jar carries
    }
    this.root = root;
    List<Scenario> all = ScenarioFiles.loadAll(root);
    refuseUnknown("suite", suites, all.stream().map(Scenario::suite).collect(Collectors.toCollection(TreeSet::new)), root);
    refuseUnknown("tag", tags, all.stream().flatMap(s -> s.tags().stream()).collect(Collectors.toCollection(TreeSet::new)),
        root);
    List<Scenario> chosen = all.stream()
        .filter(s -> tags.isEmpty() || s.tags().stream().anyMatch(tags::contains))
        .filter(s -> cases.isEmpty() || cases.stream().anyMatch(c -> s.id().equals(c) || s.id().startsWith(c + ".")))
        .filter(s -> suites.isEmpty() || suites.contains(s.suite()))
        .filter(s -> !s.optIn() || !tags.isEmpty() || !cases.isEmpty() || !suites.isEmpty())
        .toList();
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("no case matches --tags " + tags + " --case " + cases
          + (suites.isEmpty() ? "" : " --suite " + suites) + " among "
          + all.size() + " cases in " + root + " (see the list command)");
    }
    return chosen;
  }

  /** A suite or tag that no case has is a typo, not an empty selection: name the ones there are. */
  private static void refuseUnknown(String what, List<String> asked, SortedSet<String> known, Path root) {
    List<String> unknown = asked.stream().filter(name -> !known.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("no " + what + " " + String.join(", ", unknown) + " among the cases in "
          + root + "; the " + what + "s are: " + String.join(", ", known));
    }
  }

  /** The file {@link #load()} read case {@code id} from, for errors that name it. */
  String fileOf(String id) {
    return ScenarioFiles.fileOf(root, id).map(Path::toString).orElse(id);
  }
}

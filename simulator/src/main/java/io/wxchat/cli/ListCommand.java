package io.wxchat.cli;

import io.wxchat.scenario.LoadSupport;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code list}: the cases as a table, one line each under a header row. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the cases: id, profiles, needs, rules, title.")
final class ListCommand implements Callable<Integer> {
  private static final List<String> HEADER = List.of("ID", "PROFILES", "NEEDS", "RULES", "TITLE");

  @CommandLine.Mixin
  ScenarioSelection selection = new ScenarioSelection();

  @CommandLine.Option(names = "--load",
      description = "show whether each case can run as a Gatling load scenario, and why not")
  boolean load;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Scenario> cases = selection.load();
    List<List<String>> rows = new ArrayList<>();
    rows.add(load ? List.of("ID", "LOAD") : HEADER);
    for (Scenario s : cases) {
      if (load) {
        rows.add(List.of(s.id(), LoadSupport.whyNot(s).map(why -> "conformance only: " + why).orElse("load")));
        continue;
      }
      rows.add(List.of(s.id(),
          s.profiles().stream().map(Profile::id).sorted().collect(Collectors.joining(",")),
          s.requires().isEmpty() ? "-" : s.requires().stream().map(Requirement::id).sorted().collect(Collectors.joining(",")),
          String.join(",", s.rules()),
          s.informational() && !s.title().contains("(informational)") ? s.title() + " (informational)" : s.title()));
    }
    int[] widths = new int[rows.get(0).size() - 1];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(String.format("%-" + widths[i] + "s  ", row.get(i)));
      }
      out.println(line.append(row.get(widths.length)));
    }
    out.println(cases.size() + (cases.size() == 1 ? " case" : " cases"));
    return 0;
  }
}

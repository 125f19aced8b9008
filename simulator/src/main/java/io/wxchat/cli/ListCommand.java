package io.wxchat.cli;

import io.wxchat.scenario.LoadSupport;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code list}: the cases, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the cases: id, profiles, needs, rules, title.")
final class ListCommand implements Callable<Integer> {
  @CommandLine.Mixin
  ScenarioSelection selection = new ScenarioSelection();

  @CommandLine.Option(names = "--load", description = "show only whether each case can run as a Gatling load scenario, and why not")
  boolean load;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (Scenario s : selection.load()) {
      if (load) {
        out.printf("%-16s %s%n", s.id(), LoadSupport.whyNot(s).map(why -> "conformance only: " + why).orElse("load"));
        continue;
      }
      out.printf("%-16s %-15s %-16s %-18s %s%n", s.id(),
          s.profiles().stream().map(Profile::id).sorted().collect(Collectors.joining(",")),
          s.requires().isEmpty() ? "-" : s.requires().stream().map(Requirement::id).sorted().collect(Collectors.joining(",")),
          String.join(",", s.rules()), s.title() + (s.informational() ? " (informational)" : ""));
    }
    return 0;
  }
}

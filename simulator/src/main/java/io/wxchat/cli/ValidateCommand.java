package io.wxchat.cli;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioException;
import io.wxchat.scenario.ScenarioFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code validate FILES}: checks scenario files; every problem with file, line and what is allowed. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check scenario files (or folders of them). Exit 0 if all are valid, 2 otherwise.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILES", arity = "1..*", description = "scenario files or folders")
  List<Path> files;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int bad = 0;
    int good = 0;
    Map<String, Path> ids = new HashMap<>();
    for (Path root : files) {
      List<Path> found;
      try {
        found = ScenarioFiles.scenarioFiles(root);
      } catch (ScenarioException e) {
        err.println(e.getMessage());
        bad++;
        continue;
      }
      if (found.isEmpty()) {
        err.println(root + ": no scenario files here (expected .yaml, .yml or .json files)");
        bad++;
      }
      for (Path file : found) {
        try {
          Scenario scenario = ScenarioFiles.load(file);
          Path earlier = ids.putIfAbsent(scenario.id(), file);
          if (earlier != null) {
            err.println(file + ": id \"" + scenario.id() + "\" is already used by " + earlier);
            bad++;
          } else {
            good++;
          }
        } catch (ScenarioException e) {
          err.println(e.getMessage());
          bad++;
        }
      }
    }
    out.println(good + " valid, " + bad + " invalid");
    return bad == 0 ? 0 : SimulatorCommand.USAGE;
  }
}

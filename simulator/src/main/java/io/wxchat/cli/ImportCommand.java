package io.wxchat.cli;

import io.wxchat.record.HarImport;
import io.wxchat.record.Recording;
import io.wxchat.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import}: the WebSocket sessions of a DevTools or Chrome HAR export as scenario files. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Turn the WebSocket sessions of a HAR file (WeChat DevTools or Chrome: Network panel, Export HAR)",
        "into scenario files, generalised like recordings."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:imported", "2:not a HAR file, no WebSocket entries, or --out not writable"})
final class ImportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "HAR", description = "the HAR file, e.g. session.har")
  Path har;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder of the scenario files")
  Path out;

  @Option(names = "--id", paramLabel = "ID", description = "scenario id (default: imported.<file name>)")
  String id;

  @Option(names = "--mask", paramLabel = "REGEX", description = "also leave out what this matches: the file holds"
      + " {MASKED} instead, which run --var MASKED=... fills (repeatable)")
  List<String> masks = new ArrayList<>();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter console = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String base = har.getFileName().toString().replaceFirst("\\.[^.]*$", "").toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    String scenarioId = id != null ? id : "imported." + (base.isEmpty() ? "session" : base);
    List<Recording> recordings;
    try {
      if (!Scenario.ID.matcher(scenarioId).matches()) {
        throw new IllegalArgumentException("--id must look like imported.chat (" + Scenario.ID.pattern() + "): " + id);
      }
      recordings = HarImport.read(har, scenarioId, masks);
    } catch (RuntimeException e) {
      err.println("wxchat-sim: " + e.getMessage());
      return SimulatorCommand.USAGE;
    }
    for (Recording recording : recordings) {
      try {
        console.println("wrote " + recording.writeTo(out) + ": " + recording.scenario().expectation());
      } catch (IOException e) {
        err.println("wxchat-sim: --out " + out + " is not writable (" + e.getMessage() + "); choose a folder you can"
            + " write to");
        return SimulatorCommand.USAGE;
      }
    }
    return 0;
  }
}

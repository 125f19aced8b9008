package io.wxchat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar simulator.jar run|list|validate ...}. */
@Command(name = "wxchat-sim", mixinStandardHelpOptions = true, version = "wxchat simulator 0.1.0",
    description = {"Replays scripted WeChat mini-program sessions against a chat server and judges its conformance",
        "to docs/PROTOCOL.md. With no target, it runs against the embedded reference server."},
    subcommands = {RunCommand.class, ListCommand.class, ValidateCommand.class, RecordCommand.class, ProxyCommand.class,
        ImportCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all cases passed (NON_STRICT counts as passed unless --strict)",
        "1:conformance failures", "2:usage or scenario error", "3:target unreachable at the start"})
public final class SimulatorCommand implements Runnable {
  static final int FAILURES = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "wxchat-simulator-logback.xml");
    }
    // before anything logs: the binding reads its configuration once
    if (java.util.Arrays.asList(args).contains("--verbose")) {
      System.setProperty("wxchat.log.level", "DEBUG");
      System.setProperty("wxchat.websocket.log.level", "WARN");
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also for tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SimulatorCommand());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("wxchat-sim: " + e.getMessage());
      return USAGE;
    });
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, list or validate (see --help)");
  }
}

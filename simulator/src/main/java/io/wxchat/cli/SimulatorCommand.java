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
    cli.setExecutionExceptionHandler(SimulatorCommand::failed);
    return cli;
  }

  /**
   * What a command threw: a bad input's message as it is; anything else in one line that names it as a
   * bug, its stack trace only with {@code --verbose}.
   */
  static int failed(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
    boolean verbose = parsed != null && parsed.originalArgs().contains("--verbose");
    if (e instanceof IllegalArgumentException && e.getMessage() != null) {
      line.getErr().println("wxchat-sim: " + e.getMessage());
    } else {
      String message = e.getMessage() == null || e.getMessage().isBlank() ? ""
          : ": " + e.getMessage().strip().lines().findFirst().orElse("");
      line.getErr().println("wxchat-sim: unexpected " + e.getClass().getSimpleName() + message
          + " (a bug in the simulator; please report it" + (verbose ? ")" : ", run again with --verbose for the stack trace)"));
    }
    if (verbose) {
      e.printStackTrace(line.getErr());
    }
    line.getErr().flush();
    return USAGE;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, list or validate (see --help)");
  }
}

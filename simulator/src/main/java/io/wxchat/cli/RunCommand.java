package io.wxchat.cli;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.ConformanceRunner;
import io.wxchat.conformance.Progress;
import io.wxchat.conformance.RunOptions;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.RunVariables;
import io.wxchat.conformance.TargetResult;
import io.wxchat.report.ReportWriter;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.targets.EmbeddedTarget;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorMode;
import io.wxchat.targets.Target;
import io.wxchat.targets.TargetUnreachableException;
import io.wxchat.targets.UrlTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the conformance suite against one or more targets, with reports. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the conformance suite. Without --target or --server-cmd it runs against the embedded",
        "reference server. Reports go to --report-dir/<target>/ (index.json, junit.xml, index.html, transcripts)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all cases passed (NON_STRICT counts as passed unless --strict)",
        "1:conformance failures", "2:usage or scenario error", "3:target unreachable at the start"})
final class RunCommand implements Callable<Integer> {
  @Option(names = "--target", paramLabel = "URL", description = "a running server, e.g. ws://127.0.0.1:3000/ (repeatable)")
  List<URI> targets = new ArrayList<>();

  @Option(names = "--server-cmd", paramLabel = "CMD",
      description = "launch the server with this command (sh -c); {port} and $PORT carry the port")
  String serverCommand;

  @Option(names = "--server-dir", paramLabel = "DIR", description = "working folder of --server-cmd")
  Path serverDir;

  @Option(names = "--port-ready", paramLabel = "PORT", defaultValue = "3000",
      description = "the port the launched server listens on (default: ${DEFAULT-VALUE}); 0 = the simulator picks"
          + " a free port per instance, so fresh cases run in parallel")
  int portReady;

  @Option(names = "--name", paramLabel = "NAME", description = "report name of the launched server")
  String name;

  @Option(names = "--with-reference", description = "also run the embedded reference server (differential mode)")
  boolean withReference;

  @Option(names = "--operator", paramLabel = "DRIVER", converter = OperatorConverter.class,
      description = "stdin | channel | none (default: stdin for --server-cmd, channel for the embedded server,"
          + " none for --target unless --operator-token is given)")
  OperatorMode operator;

  @Option(names = "--operator-token", paramLabel = "T", description = "token of a reference-style operator channel")
  String operatorToken;

  @Option(names = "--profile", paramLabel = "PROFILE", converter = ProfileConverter.class,
      description = "operator (default) or echo")
  Profile profile = Profile.OPERATOR;

  @CommandLine.Mixin
  ScenarioSelection selection = new ScenarioSelection();

  @Option(names = "--report-dir", paramLabel = "DIR", description = "where reports go (default: ${DEFAULT-VALUE})")
  Path reportDir = Path.of("reports");

  @Option(names = "--parallel", paramLabel = "N", description = "cases at once per target (default: ${DEFAULT-VALUE}); at most 8 of them share one server"
          + " instance, and one server launch per core runs at a time")
  int parallel = RunOptions.defaults().parallel();

  @Option(names = "--ca-cert", paramLabel = "PEM",
      description = "trust this certificate (or CA) for wss:// targets, e.g. a local self-signed one")
  Path caCert;

  @Option(names = "--strict", description = "NON_STRICT counts as a failure")
  boolean strict;

  @Option(names = {"-q", "--quiet"}, description = "print failures and the summary only")
  boolean quiet;

  @Option(names = "--verbose", description = "the servers' and the simulator's logs on stderr (DEBUG)")
  boolean verbose;

  @Option(names = "--max-frame", paramLabel = "SIZE",
      description = "the largest frame a client reads into memory, e.g. 65536, 64k, 4m; a larger one fails its case"
          + " with its size and first bytes (default: 1m)")
  String maxFrame;

  @Option(names = "--max-run-time", paramLabel = "DURATION",
      description = "stop the run after this long, e.g. 10m, and write the reports of what was judged (default: the"
          + " cases' time limits added up, plus 60 s a target)")
  String maxRunTime;
  @Option(names = "--pace", paramLabel = "PACE", defaultValue = "replies",
      description = "recorded scenarios: replies (default: each frame once the recorded reply arrived), recorded"
          + " (the recorded pauses) or a speed-up like 10x")
  String pace;

  @Option(names = "--copies", paramLabel = "N", defaultValue = "1",
      description = "recorded scenarios: N independent copies of each session at once, each with its own clients")
  int copies;

  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "the value of {NAME} in the scenarios, e.g. a secret a recording left out (repeatable; without"
          + " it the environment variable NAME); a {NAME} without a value stops the run before it starts")
  Map<String, String> vars = new java.util.LinkedHashMap<>();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Scenario> scenarios;
    List<Target> chosen;
    RunVariables variables;
    try {
      io.wxchat.record.Replay replay = io.wxchat.record.Replay.parse(pace, copies);
      List<Scenario> loaded = selection.load();
      List<Scenario> replayed = loaded.stream().map(replay::apply).toList();
      variables = RunVariables.resolve(vars, System.getenv(), replayed, selection::fileOf,
          RunVariables.Syntax.CLI);
      scenarios = replayed.stream().map(variables::apply).toList();
      loaded.stream().map(replay::whyNotCopied).filter(java.util.Objects::nonNull)
          .forEach(note -> out.println("note: " + note));
      variables.notes().forEach(note -> out.println("note: " + note));
      chosen = targets();
    } catch (RuntimeException e) {
      err.println("wxchat-sim: " + e.getMessage());
      return SimulatorCommand.USAGE;
    }
    if (parallel < 1) {
      err.println("wxchat-sim: --parallel must be at least 1: " + parallel);
      return SimulatorCommand.USAGE;
    }
    try {
      ReportWriter.checkWritable(reportDir);
    } catch (IOException e) {
      err.println("wxchat-sim: --report-dir " + reportDir + ": " + ReportWriter.why(e));
      return SimulatorCommand.USAGE;
    }
    RunOptions options;
    try {
      OptionFile.existing("--ca-cert", caCert);
      options = new RunOptions(profile, parallel, strict, reportDir,
          caCert == null ? null : io.wxchat.session.ClientTls.trusting(caCert));
    } catch (IllegalArgumentException e) {
      err.println("wxchat-sim: " + e.getMessage());
      return SimulatorCommand.USAGE;
    }
    RunLimit limit;
    try {
      // for this run only: a later run in the same process (a test, an embedding) starts from the default
      io.wxchat.session.ClientSessions.maxFrame(maxFrame == null ? io.wxchat.session.ClientSessions.DEFAULT_MAX_FRAME
          : RunLimit.parseSize(maxFrame));
      limit = RunLimit.of(maxRunTime, scenarios, profile, chosen.size());
    } catch (IllegalArgumentException e) {
      err.println("wxchat-sim: " + e.getMessage());
      return SimulatorCommand.USAGE;
    }
    Console console = new Console(out, quiet, profile.id()).showing(variables::hide);
    Instant started = Instant.now();
    AtomicBoolean finished = new AtomicBoolean();
    Thread onInterrupt = new Thread(() -> {
      if (!finished.get()) { // Ctrl-C or SIGTERM mid-run: keep what was judged
        writeReports(console.partial(started, strict, "interrupted"), out, err);
      }
    }, "write-partial-reports");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    ConformanceRunner runner = new ConformanceRunner(options);
    Thread main = Thread.currentThread();
    limit.watch(() -> {
      runner.stop(); // the cases, side by side or one after another
      main.interrupt(); // whatever else the run waits for
    }, finished, () -> writeReports(console.partial(started, strict, limit.reason()),
        out, err), err);
    try {
      RunResult run = variables.hide(runner.run(chosen, scenarios, console));
      finished.set(true);
      boolean written = writeReports(run, out, err);
      console.summary(run);
      if (!written) {
        return SimulatorCommand.USAGE; // a run whose reports are lost must not look green in CI
      }
      return run.failed() > 0 ? SimulatorCommand.FAILURES : 0;
    } catch (InterruptedException e) {
      if (!limit.hit() || !finished.compareAndSet(false, true)) {
        throw e;
      }
      RunResult partial = console.partial(started, strict, limit.reason());
      writeReports(partial, out, err);
      err.println("wxchat-sim: " + limit.reason() + "; " + partial.targets().stream().mapToInt(t -> t.cases().size())
          .sum() + " cases judged, reports written");
      return SimulatorCommand.FAILURES;
    } catch (TargetUnreachableException e) {
      finished.set(true);
      err.println("wxchat-sim: target unreachable: " + e.getMessage());
      writeReports(console.partial(started, strict, "target unreachable: " + e.getMessage()), out, err);
      return SimulatorCommand.UNREACHABLE;
    } finally {
      limit.cancel();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
  }

  private List<Target> targets() {
    List<Target> chosen = new ArrayList<>();
    if (withReference || (targets.isEmpty() && serverCommand == null)) {
      chosen.add(new EmbeddedTarget(profile));
    }
    if (serverCommand != null) {
      if (portReady < 0 || portReady > 65_535) {
        throw new IllegalArgumentException("--port-ready must be in [0, 65535]: " + portReady);
      }
      OperatorMode mode = operator != null ? operator : (profile == Profile.ECHO ? OperatorMode.NONE : OperatorMode.STDIN);
      if (mode == OperatorMode.CHANNEL && operatorToken == null) {
        throw new IllegalArgumentException("--operator channel needs --operator-token");
      }
      chosen.add(new LaunchedTarget(serverCommand, serverDir, portReady, mode, operatorToken, name));
    } else if (serverDir != null || name != null) {
      throw new IllegalArgumentException("--server-dir and --name go with --server-cmd");
    }
    for (URI uri : targets) {
      if (uri.getScheme() == null || !uri.getScheme().matches("wss?") || uri.getHost() == null) {
        throw new IllegalArgumentException("--target must be a ws:// or wss:// URL like ws://127.0.0.1:3000/: " + uri);
      }
      if (operator == OperatorMode.STDIN) {
        throw new IllegalArgumentException("--operator stdin needs --server-cmd: a URL target has no stdin to type into");
      }
      boolean channel = operator == OperatorMode.CHANNEL || (operator == null && operatorToken != null);
      if (channel && operatorToken == null) {
        throw new IllegalArgumentException("--operator channel needs --operator-token");
      }
      chosen.add(new UrlTarget(uri, channel ? operatorToken : null));
    }
    return chosen;
  }

  private boolean writeReports(RunResult run, PrintWriter out, PrintWriter err) {
    try {
      Path index = ReportWriter.write(run, reportDir);
      out.println("report: " + index.toAbsolutePath());
      return true;
    } catch (IOException | RuntimeException e) {
      err.println("wxchat-sim: cannot write the reports to " + reportDir + ": " + ReportWriter.why(e));
      return false;
    } finally {
      out.flush();
    }
  }

  /** Prints progress as cases finish and keeps them for partial reports. */
  static final class Console implements Progress {
    private final PrintWriter out;
    private final boolean quiet;
    private final Map<String, String> descriptions = new ConcurrentHashMap<>();
    private final Map<String, List<CaseResult>> byTarget = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final String profile;
    private java.util.function.UnaryOperator<CaseResult> shown = java.util.function.UnaryOperator.identity();

    Console(PrintWriter out, boolean quiet, String profile) {
      this.out = out;
      this.quiet = quiet;
      this.profile = profile;
    }

    /** Prints and keeps each result as {@code shown} makes it (the run's variables written back as names). */
    Console showing(java.util.function.UnaryOperator<CaseResult> shown) {
      this.shown = shown;
      return this;
    }

    @Override
    public void targetStarted(String target, String description, int cases) {
      descriptions.put(target, description);
      byTarget.put(target, new CopyOnWriteArrayList<>());
      order.add(target);
      print("== " + target + ": " + description + " (" + cases + (cases == 1 ? " case)" : " cases)"));
    }

    @Override
    public void caseFinished(CaseResult finished) {
      CaseResult result = shown.apply(finished);
      byTarget.get(result.target()).add(result);
      boolean bad = result.verdict() == io.wxchat.conformance.Verdict.FAILED;
      // one print per case: a case's details never land under another case's line when cases run in parallel
      StringBuilder block = new StringBuilder();
      if (!quiet || bad) {
        block.append(String.format("  %-13s %-16s %s (%.0f ms)", result.verdict(), result.id(),
            result.scenario().title(), result.durationMillis()));
      }
      if (bad) {
        result.failure().lines().forEach(line -> block.append(System.lineSeparator()).append("      ").append(line));
      } else if (!quiet) {
        result.notes().forEach(note -> block.append(System.lineSeparator()).append("      note: ").append(note));
      }
      if (!quiet && !result.rerun().isEmpty()) {
        block.append(System.lineSeparator()).append("      rerun: ").append(result.rerun());
      }
      if (block.length() > 0) {
        print(block.toString());
      }
    }

    RunResult partial(Instant started, boolean strict, String why) {
      List<TargetResult> targets = new ArrayList<>();
      for (String target : order) {
        targets.add(new TargetResult(target, descriptions.get(target), profile, byTarget.get(target), why));
      }
      return new RunResult(targets, started, Instant.now(), strict);
    }

    void summary(RunResult run) {
      for (TargetResult target : run.targets()) {
        StringBuilder line = new StringBuilder("== " + target.name() + ":");
        for (io.wxchat.conformance.Verdict verdict : io.wxchat.conformance.Verdict.values()) {
          long n = target.count(verdict);
          if (n > 0) {
            line.append(' ').append(n).append(' ').append(verdict.name());
          }
        }
        print(line.toString());
        List<CaseResult> rerun = target.rerun();
        if (!rerun.isEmpty()) {
          print("   rerun alone on a fresh server: " + String.join(", ", rerun.stream().map(CaseResult::id).toList())
              + " (why: under each case above)");
        }
        if (target.harnessLateNanos() > 0) {
          print(String.format(java.util.Locale.ROOT, "   harness lateness: at most %.1f ms (a 10 ms timer's overshoot)",
              target.harnessLateNanos() / 1e6));
        }
      }
      print(run.summaryLine());
    }

    private synchronized void print(String line) {
      out.println(line);
      out.flush();
    }
  }

  static final class OperatorConverter implements CommandLine.ITypeConverter<OperatorMode> {
    @Override
    public OperatorMode convert(String value) {
      try {
        return OperatorMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class ProfileConverter implements CommandLine.ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
      try {
        return Profile.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}

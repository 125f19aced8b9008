package io.wxchat.cli;

import io.wxchat.record.SessionRecorder;
import io.wxchat.record.WireProxy;
import io.wxchat.scenario.Scenario;
import io.wxchat.targets.Lease;
import io.wxchat.targets.LaunchedTarget;
import io.wxchat.targets.OperatorDriver;
import io.wxchat.targets.OperatorMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code record}: a recording proxy; each session becomes a scenario file. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Record real sessions (e.g. the mini-program in WeChat DevTools) through a proxy into scenario",
        "files that run replays. Ctrl-C, SIGTERM or the end of --duration writes every recording."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:recorded (the files are written)", "2:usage error, busy port, unwritable --out, upstream not"
        + " WebSocket", "3:upstream unreachable (or the --server-cmd server did not start)"})
final class RecordCommand implements Callable<Integer> {
  @Option(names = "--upstream", paramLabel = "URL", description = "the server, e.g. ws://127.0.0.1:3000/")
  String upstream;

  @Option(names = "--server-cmd", paramLabel = "CMD",
      description = "launch the server (sh -c); lines typed here go to its stdin and are recorded as operator steps")
  String serverCommand;

  @Option(names = "--server-dir", paramLabel = "DIR", description = "working folder of --server-cmd")
  Path serverDir;

  @Option(names = "--port-ready", paramLabel = "PORT", defaultValue = "3000",
      description = "the port the launched server listens on (default: ${DEFAULT-VALUE}); {port} and $PORT carry it")
  int portReady;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder of the scenario files")
  Path out;

  @Option(names = "--id", paramLabel = "ID", description = "scenario id (default: recorded.<UTC time>)")
  String id;

  @Option(names = "--title", paramLabel = "TEXT", description = "scenario title")
  String title;

  @Option(names = "--split-per-client", description = "one file per connection instead of one multi-client file")
  boolean split;

  @Option(names = "--mask", paramLabel = "REGEX", description = "also leave out what this matches: the file holds"
      + " {MASKED} instead, which run --var MASKED=... fills (repeatable; token=, Authorization and Cookie are always"
      + " left out, as {TOKEN}, {AUTHORIZATION}, {COOKIE})")
  List<String> masks = new ArrayList<>();

  @CommandLine.Mixin
  ProxyOptions options = new ProxyOptions();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String scenarioId = id != null ? id
        : "recorded." + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    SessionRecorder recorder;
    Duration duration;
    try {
      if ((upstream == null) == (serverCommand == null)) {
        throw new IllegalArgumentException("name the server: --upstream URL or --server-cmd CMD (one of them)");
      }
      if (!Scenario.ID.matcher(scenarioId).matches()) {
        throw new IllegalArgumentException("--id must look like recorded.greeting (" + Scenario.ID.pattern() + "): " + id);
      }
      options.fault();
      duration = options.duration();
      recorder = new SessionRecorder(scenarioId, upstream != null ? upstream : serverCommand, masks, split).title(title);
      checkWritable(out);
    } catch (IllegalArgumentException e) {
      err.println("wxchat-sim: " + e.getMessage());
      return SimulatorCommand.USAGE;
    }
    LaunchedTarget launched = null;
    OperatorDriver operator = null;
    URI to;
    if (serverCommand != null) {
      launched = new LaunchedTarget(serverCommand, serverDir, portReady, OperatorMode.STDIN, null, null);
      try {
        launched.start();
        Lease lease = launched.lease(Scenario.builder("record.console").title("console").expectation("console")
            .steps(new io.wxchat.scenario.Step.Wait(Duration.ZERO)).build());
        to = lease.uri();
        operator = lease.operator().orElseThrow();
      } catch (IOException e) {
        launched.close();
        err.println("wxchat-sim: the server did not start: " + e.getMessage());
        return SimulatorCommand.UNREACHABLE;
      }
    } else {
      to = URI.create(upstream);
    }
    WireProxy proxy;
    try {
      proxy = options.proxy(ProxyOptions.upstream(to.toString())).recordInto(recorder);
    } catch (IllegalArgumentException e) {
      err.println("wxchat-sim: " + e.getMessage());
      closeQuietly(launched);
      return SimulatorCommand.USAGE;
    }
    int failed = ProxyOptions.start(proxy, err);
    if (failed >= 0) {
      closeQuietly(launched);
      return failed;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Autosave saves = new Autosave(last -> write(recorder, console, err, last));
    LaunchedTarget server = launched;
    Runnable finish = () -> { // the signal's hook and the end of --duration may both run it, at once
      proxy.close(); // the ends of open connections are recorded before the last save
      if (saves.finish()) {
        closeQuietly(server);
      }
      stopped.countDown();
    };
    Thread onStop = new Thread(finish, "record-flush");
    Runtime.getRuntime().addShutdownHook(onStop);
    console.println("recording: " + proxy.uri() + " -> " + to + " (fault: " + proxy.fault() + ")");
    console.println("point the mini-program at " + proxy.uri() + " (miniprogram/config.js); Ctrl-C writes "
        + out.resolve(scenarioId + (split ? ".N" : "") + ".yaml"));
    if (operator != null) {
      console.println("type operator lines here; each goes to the server's stdin and into the recording");
      startConsole(recorder, operator, err);
    }
    console.flush();
    saves.start(Duration.ofSeconds(1)); // a kill -9 loses at most the last second
    if (duration == null) {
      stopped.await();
    } else if (!stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
      finish.run();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onStop);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running
    }
    return 0;
  }

  private void write(SessionRecorder recorder, PrintWriter console, PrintWriter err, boolean last) {
    try {
      List<Path> files = recorder.writeTo(out);
      if (last) {
        console.println(files.isEmpty() ? "nothing recorded: no client connected through the proxy"
            : "wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
        console.flush();
      }
    } catch (IOException | RuntimeException e) {
      err.println("wxchat-sim: could not write the recording to " + out + ": " + e.getMessage());
      err.flush();
    }
  }

  private static void startConsole(SessionRecorder recorder, OperatorDriver operator, PrintWriter err) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          recorder.operator(line);
          operator.say(line);
        }
      } catch (IOException e) {
        err.println("wxchat-sim: the operator line did not reach the server: " + e.getMessage());
        err.flush();
      }
    }, "record-console");
    reader.setDaemon(true);
    reader.start();
  }

  private static void checkWritable(Path folder) {
    try {
      Files.createDirectories(folder);
      Path probe = Files.createTempFile(folder, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("--out " + folder + " is not writable (" + e.getClass().getSimpleName()
          + ": " + e.getMessage() + "); choose a folder you can write to");
    }
  }

  private static void closeQuietly(LaunchedTarget target) {
    if (target != null) {
      target.close();
    }
  }
}

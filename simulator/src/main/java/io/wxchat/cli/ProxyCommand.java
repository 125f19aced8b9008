package io.wxchat.cli;

import io.wxchat.record.WireProxy;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code proxy}: forwards every frame unchanged (or broken on purpose with --fault); records nothing. */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Forward WebSocket connections to --upstream frame by frame, optionally with faults on the wire,",
        "e.g. to see how a server and the mini-program take a slow or broken network. Ctrl-C stops it."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped (Ctrl-C, SIGTERM or --duration)", "2:usage error, busy port, upstream not WebSocket",
        "3:upstream unreachable"})
final class ProxyCommand implements Callable<Integer> {
  @Option(names = "--upstream", paramLabel = "URL", required = true, description = "the server, e.g. ws://127.0.0.1:3000/")
  String upstream;

  @CommandLine.Mixin
  ProxyOptions options = new ProxyOptions();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WireProxy proxy;
    Duration duration;
    try {
      URI to = ProxyOptions.upstream(upstream);
      proxy = options.proxy(to);
      duration = options.duration();
    } catch (IllegalArgumentException e) {
      err.println("wxchat-sim: " + e.getMessage());
      return SimulatorCommand.USAGE;
    }
    int failed = ProxyOptions.start(proxy, err);
    if (failed >= 0) {
      return failed;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread onStop = new Thread(() -> {
      proxy.close();
      stopped.countDown();
    }, "proxy-stop");
    Runtime.getRuntime().addShutdownHook(onStop);
    out.println("proxy: " + proxy.uri() + " -> " + upstream + " (fault: " + proxy.fault() + "); Ctrl-C stops it");
    out.flush();
    if (duration == null) {
      stopped.await();
    } else {
      stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
    proxy.close();
    try {
      Runtime.getRuntime().removeShutdownHook(onStop);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running
    }
    return 0;
  }
}

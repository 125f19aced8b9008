package io.wxchat.record;

import io.wxchat.scenario.Step;
import io.wxchat.scenario.WireFault;
import io.wxchat.session.ClientSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The {@code fault} steps of one case: in a case that has any, every client connects through its
 * own in-process {@link WireProxy}, so a later step can slow, slice or reset that one client's wire
 * mid-case without touching the others.
 *
 * <pre>{@code
 * CaseFaults faults = new CaseFaults(target, trust);
 * faults.plan(scenario.steps());
 * URI uri = faults.route("alice", target);   // the proxy's URI, or the target itself
 * faults.apply(new Step.Fault("alice", false, false, WireFault.parse("latency=300ms")), "alice");
 * }</pre>
 */
public final class CaseFaults implements AutoCloseable {
  private final URI target;
  private final SSLContext trust;
  private final Map<String, WireProxy> proxies = new ConcurrentHashMap<>();
  private volatile boolean planned;

  public CaseFaults(URI target, SSLContext trust) {
    this.target = target;
    this.trust = trust;
  }

  /** Looks for fault steps (also inside repeat, clients and oneOf branches); without any, clients connect directly. */
  public void plan(List<Step> steps) {
    planned = planned || hasFault(steps);
  }

  /** Where {@code client} connects: its own proxy when the case has fault steps, else the target. */
  public URI route(String client, URI server) {
    return planned ? proxyFor(client).uri().resolve(server.getRawPath() == null ? "/" : server.getRawPath()) : server;
  }

  /** Applies one fault step to {@code client} (its name with bindings applied). */
  public void apply(Step.Fault step, String client) {
    WireProxy proxy = proxyFor(client);
    if (step.reset()) {
      proxy.resetAll();
    }
    if (step.clear()) {
      proxy.fault(WireFault.NONE);
    } else if (!step.fault().equals(WireFault.NONE)) {
      proxy.fault(step.fault());
    }
  }

  private WireProxy proxyFor(String client) {
    return proxies.computeIfAbsent(client, name -> {
      try {
        // the case's clients hold at most the run's frame bound: the proxy in front of them too
        return WireProxy.to(target).upstreamTrust(trust).maxFrameBytes(ClientSessions.maxFrame()).start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fault proxy for " + name + ": " + e.getMessage(), e);
      }
    });
  }

  private static boolean hasFault(List<Step> steps) {
    // a oneOf branch is chosen only after its client connected: planned once the branch runs is too late
    return Step.anyIn(steps, Step.Fault.class);
  }

  @Override
  public void close() {
    proxies.values().forEach(WireProxy::close);
    proxies.clear();
  }
}

package io.wxchat.conformance.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import io.wxchat.scenario.MatchResult;
import io.wxchat.scenario.Step;
import io.wxchat.session.ClientOptions;
import io.wxchat.session.ClientSession;
import io.wxchat.session.ClientSessions;
import io.wxchat.session.Received;
import io.wxchat.session.RecordedEvent;
import io.wxchat.session.Transcript;
import io.wxchat.targets.Lease;
import io.wxchat.targets.OperatorDriver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** Runs the steps of one case against one lease, recording the wire into a transcript. */
final class CaseExecution implements AutoCloseable {
  private final Lease lease;
  private final SSLContext trust;
  private final HttpClient http;
  private final Transcript transcript = new Transcript();
  private final Map<String, ClientSession> clients = new ConcurrentHashMap<>();
  private final Map<String, Received> lastSeen = new ConcurrentHashMap<>();
  private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());

  CaseExecution(Lease lease, SSLContext trust, HttpClient http) {
    this.lease = lease;
    this.trust = trust;
    this.http = http;
  }

  Transcript transcript() {
    return transcript;
  }

  List<String> notes() {
    return notes;
  }

  /** Runs {@code steps}; a failure names the step by its number ({@code 4} or {@code 4.2 (u3)}). */
  void run(List<Step> steps, Bindings bindings, String numberPrefix) throws StepFailure, Unavailable,
      InterruptedException {
    for (int i = 0; i < steps.size(); i++) {
      String number = numberPrefix + (i + 1);
      Step step = steps.get(i);
      try {
        execute(step, bindings, number);
      } catch (StepFailure failure) {
        if (failure.getMessage().startsWith("step ")) {
          throw failure;
        }
        throw new StepFailure("step " + number + " (" + StepNames.describe(step, bindings) + ") " + failure.getMessage(),
            failure.expected, failure.closest, failure.waitedMillis);
      }
    }
  }

  private void execute(Step step, Bindings b, String number) throws StepFailure, Unavailable, InterruptedException {
    if (step instanceof Step.Connect c) {
      connect(c, b);
    } else if (step instanceof Step.Send s) {
      send(s, b);
    } else if (step instanceof Step.Expect e) {
      expect(e, b);
    } else if (step instanceof Step.Silence s) {
      silence(s, b);
    } else if (step instanceof Step.ExpectClose c) {
      expectClose(c, b);
    } else if (step instanceof Step.OperatorSays o) {
      operatorSays(b.apply(o.line()));
    } else if (step instanceof Step.HttpRequest h) {
      http(h);
    } else if (step instanceof Step.Wait w) {
      Thread.sleep(w.duration().toMillis()); // the scenario asked for a pause
    } else if (step instanceof Step.Close c) {
      close(c, b);
    } else if (step instanceof Step.PauseReading p) {
      rawOnly(() -> client(b.apply(p.client())).pauseReading());
    } else if (step instanceof Step.ResumeReading r) {
      rawOnly(() -> client(b.apply(r.client())).resumeReading());
    } else if (step instanceof Step.Repeat r) {
      for (int i = 1; i <= r.times(); i++) {
        run(r.steps(), b.withIndex(i), number + "." + i + ".");
      }
    } else if (step instanceof Step.Clients c) {
      clients(c, b, number);
    } else {
      throw new IllegalStateException("unknown step " + step);
    }
  }

  private interface ClientAction {
    void run() throws StepFailure;
  }

  private static void rawOnly(ClientAction action) throws StepFailure {
    try {
      action.run();
    } catch (UnsupportedOperationException e) {
      throw StepFailure.of("cannot run: " + e.getMessage());
    }
  }

  private void connect(Step.Connect c, Bindings b) throws StepFailure, InterruptedException {
    String name = b.apply(c.client());
    ClientSession previous = clients.remove(name);
    if (previous != null) {
      previous.close();
    }
    ClientOptions options = new ClientOptions(b.apply(c.path()), c.headers(), c.subprotocols(), c.raw(), c.within());
    try {
      clients.put(name, ClientSessions.open(lease.uri(), name, options, transcript, trust));
    } catch (IOException e) {
      throw StepFailure.of("FAILED: cannot connect: " + e.getMessage());
    }
  }

  private void send(Step.Send s, Bindings b) throws StepFailure {
    ClientSession client = client(b.apply(s.client()));
    if (s.text() != null) {
      client.send(b.apply(s.text()).repeat(s.times() == null ? 1 : s.times()));
    } else if (s.binary() != null) {
      client.sendBinary(HexFormat.of().parseHex(s.binary().replace(" ", "")));
    } else {
      try {
        client.sendRaw(HexFormat.of().parseHex(s.raw().replace(" ", "")));
      } catch (UnsupportedOperationException e) {
        throw StepFailure.of("cannot run: " + e.getMessage());
      }
    }
  }

  private void expect(Step.Expect e, Bindings b) throws StepFailure, InterruptedException {
    for (ClientSession client : addressed(b.apply(e.client()))) {
      for (int n = 1; n <= e.count(); n++) {
        long start = System.nanoTime();
        Optional<Received> next = client.inbox().next(e.within());
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String which = (e.count() > 1 ? "frame " + n + " of " + e.count() + " " : "") + "at " + client.name();
        String expected = e.message().describe();
        if (next.isEmpty()) {
          throw new StepFailure("FAILED after " + e.within().toMillis() + " ms: nothing arrived " + which,
              expected, closestSoFar(client.name()), e.within().toMillis());
        }
        Received received = next.get();
        lastSeen.put(client.name(), received);
        if (received instanceof Received.Closed closed) {
          throw new StepFailure("FAILED after " + waited + " ms: the connection closed (" + closed.code()
              + ") while waiting " + which, expected, closed.toString(), waited);
        }
        if (received instanceof Received.Binary binary) {
          throw new StepFailure("FAILED after " + waited + " ms: a binary frame arrived " + which
              + "; the protocol's frames are text", expected, binary.toString(), waited);
        }
        String text = ((Received.Text) received).text();
        MatchResult result = e.message().match(TextNode.valueOf(text), "");
        if (result.failed()) {
          throw new StepFailure("FAILED after " + waited + " ms: the frame " + which + " does not match",
              expected, shorten(text) + "   " + result.detail(), waited);
        }
        if (result.outcome() == MatchResult.Outcome.NON_STRICT) {
          notes.add(client.name() + ": " + result.detail());
        }
      }
    }
  }

  private void silence(Step.Silence s, Bindings b) throws StepFailure, InterruptedException {
    long deadline = System.nanoTime() + s.quiet().toNanos();
    for (ClientSession client : addressed(b.apply(s.client()))) {
      Optional<Received> next = client.inbox().next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (next.isPresent()) {
        Received received = next.get();
        if (received.nanos() > deadline) { // arrived after the window: not ours to judge
          client.inbox().unread(received);
          continue;
        }
        lastSeen.put(client.name(), received);
        throw new StepFailure("FAILED: " + client.name() + " received something during " + s.quiet().toMillis()
            + " ms of expected silence", "nothing for " + s.quiet().toMillis() + " ms",
            received instanceof Received.Text t ? shorten(t.text()) : received.toString(), s.quiet().toMillis());
      }
    }
  }

  private void expectClose(Step.ExpectClose c, Bindings b) throws StepFailure, InterruptedException {
    ClientSession client = client(b.apply(c.client()));
    String expected = "the server closes the connection" + (c.code() == null ? "" : " with " + c.code());
    Optional<Received> next = client.inbox().next(c.within());
    if (next.isEmpty()) {
      throw new StepFailure("FAILED after " + c.within().toMillis() + " ms: the connection is still open",
          expected, closestSoFar(client.name()), c.within().toMillis());
    }
    if (!(next.get() instanceof Received.Closed closed)) {
      throw new StepFailure("FAILED: a frame arrived instead of the close", expected,
          next.get() instanceof Received.Text t ? shorten(t.text()) : next.get().toString(), -1);
    }
    if (c.code() == null || closed.code() == c.code()) {
      return;
    }
    if (c.nonStrictCodes().contains(closed.code())) {
      notes.add(client.name() + ": closed with " + closed.code() + " instead of " + c.code());
      return;
    }
    throw new StepFailure("FAILED: wrong close code", expected, closed.toString(), -1);
  }

  private void operatorSays(String line) throws StepFailure, Unavailable {
    OperatorDriver driver = lease.operator().orElseThrow(() -> new Unavailable(
        "needs an operator driver; run with --operator stdin (launched server) or --operator channel"));
    lease.markOperated();
    transcript.record("operator", RecordedEvent.Direction.OUT, RecordedEvent.Kind.TEXT, line, 0);
    try {
      driver.say(line);
    } catch (IOException e) {
      throw StepFailure.of("FAILED: the operator line could not be delivered via " + driver.describe() + ": "
          + e.getMessage());
    }
  }

  private void http(Step.HttpRequest h) throws StepFailure, InterruptedException {
    URI base = lease.uri();
    URI uri = URI.create((base.getScheme().equals("wss") ? "https" : "http") + "://" + base.getRawAuthority() + h.path());
    transcript.record("http", RecordedEvent.Direction.OUT, RecordedEvent.Kind.HTTP, h.method() + " " + uri, 0);
    int status;
    try {
      HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
          .method(h.method(), HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      String body;
      try (java.io.InputStream in = response.body()) { // a body may never end: the step judges the status
        body = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
      }
      transcript.record("http", RecordedEvent.Direction.IN, RecordedEvent.Kind.HTTP, shorten(body), status);
    } catch (IOException e) {
      throw StepFailure.of("FAILED: plain HTTP " + h.method() + " " + h.path() + " got no answer: " + e.getMessage());
    }
    if (status == h.status()) {
      return;
    }
    if (h.nonStrictStatus().contains(status)) {
      notes.add("plain HTTP " + h.path() + " answered " + status + " instead of " + h.status());
      return;
    }
    throw new StepFailure("FAILED: plain HTTP " + h.method() + " " + h.path() + " answered " + status,
        "HTTP " + h.status(), "HTTP " + status, -1);
  }

  private void close(Step.Close c, Bindings b) throws StepFailure {
    ClientSession client = client(b.apply(c.client()));
    if (c.abrupt()) {
      client.drop();
    } else {
      client.close(c.code());
    }
  }

  private void clients(Step.Clients group, Bindings b, String number) throws StepFailure, Unavailable,
      InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(group.count(), 64), r -> {
      Thread thread = new Thread(r, "case-clients");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Void>> runs = new ArrayList<>();
      for (int i = 1; i <= group.count(); i++) {
        Bindings own = b.withIndex(i);
        own = own.withClient(own.apply(group.name()));
        Bindings bound = own;
        String prefix = number + "[" + bound.client() + "].";
        runs.add(pool.submit(() -> {
          run(group.steps(), bound, prefix);
          return null;
        }));
      }
      for (Future<Void> run : runs) {
        try {
          run.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof StepFailure failure) {
            throw failure;
          }
          if (e.getCause() instanceof Unavailable unavailable) {
            throw unavailable;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private ClientSession client(String name) throws StepFailure {
    ClientSession client = clients.get(name);
    if (client == null) {
      throw StepFailure.of("cannot run: no client \"" + name + "\"; connect it first (connected: "
          + new TreeMap<>(clients).keySet() + ")");
    }
    return client;
  }

  private List<ClientSession> addressed(String name) throws StepFailure {
    if (!"*".equals(name)) {
      return List.of(client(name));
    }
    return new TreeMap<>(clients).values().stream().filter(ClientSession::isOpen).toList();
  }

  private String closestSoFar(String client) {
    Received last = lastSeen.get(client);
    if (last == null) {
      return "nothing received on " + client + " at all";
    }
    return "(last frame before) " + (last instanceof Received.Text t ? shorten(t.text()) : last.toString());
  }

  private static String shorten(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
  }

  @Override
  public void close() {
    clients.values().forEach(client -> {
      try {
        client.close();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
    });
    clients.clear();
  }
}

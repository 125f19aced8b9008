package io.wxchat.conformance.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import io.wxchat.record.CaseFaults;
import io.wxchat.conformance.Failure;
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
  private final long startNanos = System.nanoTime(); // the transcript's zero, within microseconds
  private final Transcript transcript = new Transcript();
  private final Map<String, ClientSession> clients = new ConcurrentHashMap<>();
  private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
  private final CaseFaults faults;
  private final HeldConnections held;
  private final Running running = new Running();
  private final Stimuli stimuli = new Stimuli();
  private final Map<String, List<Received>> seen = new ConcurrentHashMap<>();
  private final List<ClientSession> opened = java.util.Collections.synchronizedList(new ArrayList<>()); // for filledInboxes
  private volatile boolean timed;
  private RecordedSteps recorded = RecordedSteps.NONE;

  CaseExecution(Lease lease, SSLContext trust, HttpClient http) {
    this.lease = lease;
    this.trust = trust;
    this.http = http;
    this.faults = new CaseFaults(lease.uri(), trust);
    this.held = new HeldConnections(lease.uri(), transcript);
  }

  Transcript transcript() {
    return transcript;
  }

  /** The {@link System#nanoTime()} of the transcript's time 0. */
  long startNanos() {
    return startNanos;
  }

  List<String> notes() {
    return notes;
  }

  /** Whether a NON_STRICT note rests on time alone (a reply later than the protocol's 1 s). */
  boolean timed() {
    return timed;
  }

  /**
   * Each client whose inbox filled during the case, with the bound ({@code alice -> 2,000 frames unread}),
   * in connection order; kept after {@link #close}, so a case its watchdog stopped still says it.
   */
  Map<String, String> filledInboxes() {
    Map<String, String> filled = new java.util.LinkedHashMap<>();
    synchronized (opened) {
      opened.forEach(client -> client.inbox().filled().ifPresent(bound -> filled.putIfAbsent(client.name(), bound)));
    }
    return filled;
  }

  private ClientSession opened(ClientSession client) {
    opened.add(client);
    return client;
  }

  /** The step that has been running longest, for a case its watchdog stopped. */
  java.util.Optional<Running.Entry> stuck() {
    return running.stuck();
  }

  /** Runs the case's steps; the steps of a recording are named by what they were in it. */
  void run(io.wxchat.scenario.Scenario scenario) throws StepFailure, Unavailable, InterruptedException {
    recorded = RecordedSteps.of(scenario);
    run(scenario.steps(), Bindings.NONE, "");
  }

  /** Runs {@code steps}; a failure names the step by its number ({@code 4} or {@code 4.2 (u3)}). */
  void run(List<Step> steps, Bindings bindings, String numberPrefix) throws StepFailure, Unavailable,
      InterruptedException {
    faults.plan(steps);
    for (int i = 0; i < steps.size(); i++) {
      String number = numberPrefix + (i + 1);
      Step step = steps.get(i);
      String name = recorded.describe(steps, i, bindings);
      String label = number + " (" + (name != null ? name : StepNames.describe(step, bindings)) + ")";
      running.enter(label, step);
      try {
        execute(step, bindings, number);
      } catch (StepFailure failure) {
        throw failure.named() ? failure : failure.at(label);
      } finally {
        running.leave();
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
      stimuli.resumed(b.apply(r.client()));
    } else if (step instanceof Step.Repeat r) {
      for (int i = 1; i <= r.times(); i++) {
        run(r.steps(), b.withIndex(i), number + "." + i + ".");
      }
    } else if (step instanceof Step.Clients c) {
      clients(c, b, number);
    } else if (step instanceof Step.OneOf o) {
      Alternatives.Choice choice = Alternatives.choose(o, client(b.apply(o.client())));
      if (choice.branch().nonStrict() != null) {
        notes.add(b.apply(choice.branch().nonStrict()));
      }
      run(choice.remaining(), b, number + "." + (o.branches().indexOf(choice.branch()) + 1) + ".");
    } else if (step instanceof Step.EndOfInput end) {
      endOfInput(b.apply(end.lastLine()));
    } else if (step instanceof Step.Fault f) {
      faults.apply(f, b.apply(f.between()));
    } else if (step instanceof Step.Gap) {
      // a recorded pause: run --pace recorded turns it into a wait before the case runs (io.wxchat.record.Pace)
    } else if (step instanceof Step.Canary c) {
      hardening().canary(c, b);
    } else if (step instanceof Step.UpgradeFlood u) {
      hardening().upgradeFlood(u, b);
    } else if (step instanceof Step.AwaitClose a) {
      hardening().awaitClose(a, b);
    } else if (step instanceof Step.Tcp t) {
      held.open(t, b.apply(t.client()));
    } else {
      throw new IllegalStateException("unknown step " + step);
    }
  }

  private HardeningSteps hardening() {
    return new HardeningSteps(lease.uri(), transcript, notes, this::client);
  }

  private interface ClientAction {
    void run() throws StepFailure;
  }

  private static void rawOnly(ClientAction action) throws StepFailure {
    try {
      action.run();
    } catch (UnsupportedOperationException e) {
      throw StepFailure.cannotRun("cannot run: " + e.getMessage());
    }
  }

  private void connect(Step.Connect c, Bindings b) throws StepFailure, InterruptedException {
    String name = b.apply(c.client());
    ClientSession previous = clients.remove(name);
    if (previous != null) {
      previous.close();
    }
    ClientOptions options = new ClientOptions(b.apply(c.path()), c.headers(), c.subprotocols(), c.raw(), c.within());
    long start = System.nanoTime();
    try {
      clients.put(name, opened(ClientSessions.open(faults.route(name, lease.uri()), name, options, transcript, trust)));
    } catch (IOException e) {
      long waited = System.nanoTime() - start;
      if (waited >= c.within().toNanos()) { // nothing answered within the wait: a matter of time, confirmed alone
        throw StepFailure.late(e.getMessage(), "", List.of(), -1);
      }
      throw StepFailure.of(e.getMessage()); // "cannot connect to URI: why", from RawSession.open
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
        throw StepFailure.cannotRun("cannot run: " + e.getMessage());
      }
    }
    stimuli.sent(client.name());
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
          throw StepFailure.late("nothing arrived " + which, expected, nearest(e, client.name(), null),
              e.within().toMillis());
        }
        Received received = next.get();
        consumed(client.name(), received);
        if (received instanceof Received.Closed closed) {
          throw StepFailure.mismatch("the connection closed (" + closed.code() + ") while waiting " + which, expected,
              List.of(new Failure.Near(closed.toString(), "", 0)), waited);
        }
        if (received instanceof Received.Binary binary) {
          throw StepFailure.mismatch("a binary frame arrived " + which + "; the protocol's frames are text", expected,
              List.of(new Failure.Near(binary.toString(), "", 0)), waited);
        }
        String text = ((Received.Text) received).text();
        MatchResult result = e.message().match(TextNode.valueOf(text), "", Alternatives.clockAt(received));
        if (result.failed()) {
          throw StepFailure.mismatch("the frame " + which + " does not match", expected,
              nearest(e, client.name(), received), waited);
        }
        if (result.outcome() == MatchResult.Outcome.NON_STRICT) {
          notes.add(client.name() + ": " + result.detail());
        }
        if (b.client() == null) { // in a `clients` group of 200 the harness's own threads set the pace, not the server
          stimuli.lateness(client.name(), received.nanos()).ifPresent(late -> {
            timed = true;
            notes.add(client.name() + ": " + late);
          });
        }
        stimuli.answered(client.name(), received.nanos());
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
        String generic = client.name() + " received something during " + s.quiet().toMillis()
            + " ms of expected silence";
        Optional<String> second = received instanceof Received.Text ? stimuli.second(client.name(), received.nanos())
            : Optional.empty();
        consumed(client.name(), received);
        throw StepFailure.mismatch(second.map(text -> text + "; " + generic).orElse(generic),
            "nothing for " + s.quiet().toMillis() + " ms", List.of(new Failure.Near(
                received instanceof Received.Text t ? Texts.shorten(t.text()) : received.toString(), "", 0)), -1);
      }
    }
    // a silence lasts as long as it says, with or without clients to watch (operator.3.4 needs the pause)
    long left = deadline - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private void expectClose(Step.ExpectClose c, Bindings b) throws StepFailure, InterruptedException {
    ClientSession client = client(b.apply(c.client()));
    String expected = "the server closes the connection" + (c.code() == null ? "" : " with " + c.code());
    Optional<Received> next = client.inbox().next(c.within());
    if (next.isEmpty()) {
      throw StepFailure.late("the connection is still open", expected, nearest(null, client.name(), null),
          c.within().toMillis());
    }
    consumed(client.name(), next.get());
    if (!(next.get() instanceof Received.Closed closed)) {
      throw StepFailure.mismatch("a frame arrived instead of the close", expected, List.of(new Failure.Near(
          next.get() instanceof Received.Text t ? Texts.shorten(t.text()) : next.get().toString(), "", 0)), -1);
    }
    if (c.code() == null || closed.code() == c.code()) {
      return;
    }
    if (c.nonStrictCodes().contains(closed.code())) {
      notes.add(client.name() + ": closed with " + closed.code() + " instead of " + c.code());
      return;
    }
    throw StepFailure.mismatch("wrong close code", expected, List.of(new Failure.Near(closed.toString(), "", 0)), -1);
  }

  private void operatorSays(String line) throws StepFailure, Unavailable {
    OperatorDriver driver = lease.operator().orElseThrow(() -> new Unavailable(
        "needs an operator driver; run with --operator stdin (launched server) or --operator channel"));
    lease.markOperated();
    transcript.record("operator", RecordedEvent.Direction.OUT, RecordedEvent.Kind.TEXT, line, 0);
    try {
      driver.say(line);
    } catch (IOException e) {
      throw StepFailure.of("the operator line could not be delivered via " + driver.describe() + ": "
          + e.getMessage());
    }
    stimuli.operatorSpoke();
  }

  private void endOfInput(String lastLine) throws StepFailure, Unavailable {
    OperatorDriver driver = lease.operator().orElseThrow(() -> new Unavailable(
        "needs an operator driver; run with --operator stdin (launched server) or --operator channel"));
    lease.markOperated();
    transcript.record("operator", RecordedEvent.Direction.OUT, RecordedEvent.Kind.TEXT, lastLine + " (end of input)", 0);
    try {
      driver.end(lastLine);
    } catch (UnsupportedOperationException e) {
      throw new Unavailable(e.getMessage());
    } catch (IOException e) {
      throw StepFailure.of("the end of the operator's input could not be delivered via " + driver.describe()
          + ": " + e.getMessage());
    }
  }

  private void http(Step.HttpRequest h) throws StepFailure, InterruptedException {
    URI base = lease.uri();
    URI uri = URI.create((base.getScheme().equals("wss") ? "https" : "http") + "://" + base.getRawAuthority() + h.path());
    transcript.record("http", RecordedEvent.Direction.OUT, RecordedEvent.Kind.HTTP, h.method() + " " + uri
        + (h.headers().isEmpty() ? "" : " " + h.headers()), 0);
    int status = h.headers().isEmpty() ? plain(h, uri) : headed(h);
    if (status == h.status()) {
      return;
    }
    if (h.nonStrictStatus().contains(status)) {
      notes.add("plain HTTP " + h.path() + " answered " + status + " instead of " + h.status());
      return;
    }
    throw StepFailure.mismatch(request(h) + " answered " + status,
        "HTTP " + h.status(), List.of(new Failure.Near("HTTP " + status, "", 0)), -1);
  }

  private int plain(Step.HttpRequest h, URI uri) throws StepFailure, InterruptedException {
    try {
      HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
          .method(h.method(), HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
      String body;
      try (java.io.InputStream in = response.body()) { // a body may never end: the step judges the status
        body = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
      }
      transcript.record("http", RecordedEvent.Direction.IN, RecordedEvent.Kind.HTTP, Texts.shorten(body),
          response.statusCode());
      return response.statusCode();
    } catch (java.net.http.HttpTimeoutException e) { // no answer within the wait: confirmed alone before it counts
      throw StepFailure.late(request(h) + " got no answer: " + e.getMessage(), "HTTP " + h.status(), List.of(), -1);
    } catch (IOException e) {
      throw StepFailure.of(request(h) + " got no answer: " + e.getMessage());
    }
  }

  /** With headers: written on its own socket, since Java's HTTP client will not send Connection or Upgrade. */
  private int headed(Step.HttpRequest h) throws StepFailure {
    try {
      io.wxchat.session.internal.Upgrade.Answer answer = HeadedRequest.send(lease.uri(), trust, h.method(), h.path(),
          h.headers(), Duration.ofSeconds(5));
      transcript.record("http", RecordedEvent.Direction.IN, RecordedEvent.Kind.HTTP, answer.statusLine(),
          answer.status());
      return answer.status();
    } catch (HeadedRequest.Late e) { // as above: confirmed alone before it counts
      throw StepFailure.late(request(h) + " got no answer: " + e.getMessage(), "HTTP " + h.status(), List.of(), -1);
    } catch (IOException e) {
      throw StepFailure.of(request(h) + " got no answer: " + e.getMessage());
    }
  }

  private static String request(Step.HttpRequest h) {
    return "plain HTTP " + h.method() + " " + h.path() + (h.headers().isEmpty() ? "" : " with " + h.headers());
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
      throw StepFailure.cannotRun("cannot run: no client \"" + name + "\"; connect it first (connected: "
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

  private void consumed(String client, Received received) {
    seen.computeIfAbsent(client, c -> java.util.Collections.synchronizedList(new ArrayList<>())).add(received);
  }

  /** The frames that came nearest to {@code e}: {@code current} (if any) and what the client read before. */
  private List<Failure.Near> nearest(Step.Expect e, String client, Received current) {
    List<Received> all = new ArrayList<>(seen.getOrDefault(client, List.of()));
    all.remove(current);
    List<Received> before = all.subList(Math.max(0, all.size() - 50), all.size()); // a burst: the last 50
    if (current == null && before.isEmpty()) {
      return List.of(new Failure.Near("nothing received on " + client + " at all", "", 0));
    }
    if (e == null) { // nothing to score against: the last frame before
      Received last = before.get(before.size() - 1);
      return List.of(new Failure.Near("(last frame before) " + (last instanceof Received.Text t
          ? Texts.shorten(t.text()) : last.toString()), "", 0));
    }
    List<Nearness.Candidate> candidates = new ArrayList<>();
    if (current != null) {
      candidates.add(new Nearness.Candidate(current, ""));
    }
    before.forEach(frame -> candidates.add(new Nearness.Candidate(frame, "(earlier) ")));
    return Nearness.rank(e.message(), candidates);
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
    held.close();
    faults.close();
  }
}

package io.wxchat.conformance.internal;

import io.wxchat.conformance.Failure;
import com.fasterxml.jackson.databind.node.TextNode;
import io.wxchat.scenario.MatchResult;
import io.wxchat.scenario.Step;
import io.wxchat.session.ClientSession;
import io.wxchat.session.Received;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import io.wxchat.session.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** The steps of the hardening pack: a bystander's latency, an endless upgrade request, a forced close. */
final class HardeningSteps {
  private static final int CHUNK = 8 * 1024;
  /** How long a flood that judges nothing itself (no {@code within}) may take: its writes are bounded too. */
  private static final Duration UNJUDGED_BOUND = Duration.ofSeconds(10);

  /** Finds a connected client by name, or fails the step naming the connected ones. */
  interface Clients {
    ClientSession get(String name) throws StepFailure;
  }

  private final URI target;
  private final Transcript transcript;
  private final List<String> notes;
  private final Clients clients;

  HardeningSteps(URI target, Transcript transcript, List<String> notes, Clients clients) {
    this.target = target;
    this.transcript = transcript;
    this.notes = notes;
    this.clients = clients;
  }

  void canary(Step.Canary c, Bindings b) throws StepFailure, InterruptedException {
    ClientSession client = clients.get(b.apply(c.client()));
    long start = System.nanoTime();
    if (c.text() != null) {
      client.send(b.apply(c.text()));
    }
    Optional<Received> next = client.inbox().next(c.within());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String expected = c.message() == null ? "a frame" : c.message().describe();
    if (next.isEmpty()) {
      transcript.record(client.name(), Direction.INFO, Kind.ERROR, "canary: no answer within "
          + c.within().toMillis() + " ms", 0);
      throw StepFailure.late("the canary " + client.name() + " got no answer while another client attacked", expected,
          List.of(), c.within().toMillis());
    }
    if (!(next.get() instanceof Received.Text text)) {
      throw StepFailure.mismatch("the canary " + client.name() + " got " + next.get() + " instead of an answer",
          expected, List.of(new Failure.Near(next.get().toString(), "", 0)), millis);
    }
    if (c.message() != null) {
      MatchResult result = c.message().match(TextNode.valueOf(text.text()), "");
      if (result.failed()) {
        throw StepFailure.mismatch("the canary's answer does not match", expected,
            List.of(new Failure.Near(text.text(), result.detail(), 0)), millis);
      }
    }
    // without a text (a push), the time since the step began; a frame already waiting counts as 0
    long latency = Math.max(0, TimeUnit.NANOSECONDS.toMillis(next.get().nanos() - start));
    transcript.record(client.name(), Direction.INFO, Kind.OPEN, "canary latency " + latency + " ms", 0);
    if (latency > c.slowAfter().toMillis()) {
      notes.add("canary " + client.name() + " slowed to " + latency + " ms (over " + c.slowAfter().toMillis()
          + " ms) during the attack");
    }
  }

  void upgradeFlood(Step.UpgradeFlood u, Bindings b) throws StepFailure, InterruptedException {
    String name = b.apply(u.client());
    if ("wss".equalsIgnoreCase(target.getScheme())) {
      throw StepFailure.cannotRun("cannot run: upgradeFlood speaks plain ws:// only");
    }
    // the whole step is bounded: a server that stops reading the headers cannot hold the writes for ever
    Duration bound = u.within() == null ? UNJUDGED_BOUND : u.within();
    AtomicReference<String> answer = new AtomicReference<>();
    AtomicBoolean ours = new AtomicBoolean(); // the socket is being closed by this step: not the server's answer
    long deadline = System.nanoTime() + bound.toNanos();
    long sent = 0;
    boolean stalled = false;
    String seen;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.getHost(), port()), 5_000);
      CountDownLatch done = new CountDownLatch(1);
      Thread reader = watch(socket, answer, ours);
      guard(socket, ours, done, bound);
      try {
        OutputStream out = socket.getOutputStream();
        byte[] head = ("GET " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getRawAuthority()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        sent = head.length;
        byte[] chunk = ("X-Flood: " + "a".repeat(CHUNK - 12) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (sent < u.bytes() && answer.get() == null) {
          out.write(chunk, 0, (int) Math.min(chunk.length, u.bytes() - sent));
          sent += Math.min(chunk.length, u.bytes() - sent);
        }
      } catch (IOException e) {
        stalled = ours.get(); // cut at the bound; otherwise the server stopped taking the request (read below)
      }
      transcript.record(name, Direction.OUT, Kind.RAW, "upgrade request, " + sent + " bytes of headers without an end"
          + (stalled ? " (the server stopped reading; cut after " + bound.toMillis() + " ms)" : ""), 0);
      if (!stalled) {
        reader.join(u.within() == null ? 1_000 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
      seen = answer.get(); // before this step's own close below could look like the server's
      ours.set(true);
      done.countDown();
    } catch (IOException e) {
      throw StepFailure.of("upgradeFlood cannot connect: " + e.getMessage());
    }
    transcript.record(name, Direction.IN, seen == null ? Kind.ERROR : Kind.HTTP,
        seen == null ? "no answer, connection still open after " + sent + " bytes" : seen, 0);
    if (u.within() == null) {
      return; // an attack only: the case judges something else (a canary)
    }
    if (seen == null) {
      throw StepFailure.late("the server took " + sent + " bytes of upgrade headers without answering or closing"
          + (stalled ? " (it stopped reading them)" : ""),
          "an answer such as HTTP 431, or a close, within " + u.within().toMillis() + " ms", List.of(),
          u.within().toMillis());
    }
    if (seen.matches("HTTP/1\\.[01] 101\\b.*")) {
      throw StepFailure.of("the server switched protocols (" + seen + ") on an upgrade request whose headers had"
          + " not ended after " + sent + " bytes; expected a refusal such as HTTP 431, or a close");
    }
    if (!seen.startsWith("HTTP/")) { // a close: of this connection, or of the whole server?
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(target.getHost(), port()), 5_000);
      } catch (IOException e) {
        throw StepFailure.of("after " + sent + " bytes of upgrade headers the server " + seen
            + ", and then refused a new connection (" + e.getMessage() + "): it did not survive the flood");
      }
    }
  }

  private int port() {
    return target.getPort() < 0 ? 80 : target.getPort();
  }

  /** Closes {@code socket} once {@code bound} has passed, unless {@code done} comes first. */
  private static void guard(Socket socket, AtomicBoolean ours, CountDownLatch done, Duration bound) {
    Thread guard = new Thread(() -> {
      try {
        if (!done.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
          ours.set(true);
          socket.close();
        }
      } catch (InterruptedException | IOException e) {
        // the step is over either way
      }
    }, "upgrade-flood-bound");
    guard.setDaemon(true);
    guard.start();
  }

  private static Thread watch(Socket socket, AtomicReference<String> answer, AtomicBoolean ours) {
    Thread reader = new Thread(() -> {
      try {
        InputStream in = socket.getInputStream();
        byte[] line = new byte[64];
        int n = in.read(line);
        if (!ours.get()) {
          answer.set(n < 0 ? "closed without an answer" : new String(line, 0, n, StandardCharsets.ISO_8859_1)
              .lines().findFirst().orElse(""));
        }
      } catch (IOException reset) {
        if (!ours.get()) {
          answer.set("reset the connection");
        }
      }
    }, "upgrade-flood-reader");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  void awaitClose(Step.AwaitClose a, Bindings b) throws StepFailure, InterruptedException {
    ClientSession client = clients.get(b.apply(a.client()));
    long deadline = System.nanoTime() + a.within().toNanos();
    int skipped = 0;
    while (true) {
      Optional<Received> next = client.inbox().next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (next.isEmpty()) {
        throw StepFailure.late(client.name() + " is still connected (" + skipped + " frames skipped)",
            "the server closes " + client.name(), List.of(), a.within().toMillis());
      }
      if (next.get() instanceof Received.Closed closed) { // the close itself is in the transcript
        transcript.record(client.name(), Direction.INFO, Kind.OPEN, "closed by the server (" + closed + ") after "
            + skipped + " frames it had not read", 0);
        return;
      }
      skipped++;
    }
  }
}

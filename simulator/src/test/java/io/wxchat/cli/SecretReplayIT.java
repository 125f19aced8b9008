package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.wxchat.record.SessionRecorder;
import io.wxchat.record.WireProxy;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.session.ClientOptions;
import io.wxchat.session.ClientSession;
import io.wxchat.session.ClientSessions;
import io.wxchat.session.Received;
import io.wxchat.session.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator console's token, sent as ?token= by one socket and as Authorization: Bearer by another,
 * is recorded through the proxy as {TOKEN}; run fills it from --var and replays green against a
 * fresh reference server with that operator token; without it, run stops before any case.
 */
class SecretReplayIT {
  private static final String SECRET = "op-7f3a9c2e41d8";
  private static final Duration BOUND = Duration.ofSeconds(5);

  @TempDir
  static Path work;
  static Path file;

  private static ClientSession open(URI uri, String name, String path, Map<String, String> headers) throws Exception {
    return ClientSessions.open(uri, name, new ClientOptions(path, headers, List.of(), false, BOUND), new Transcript(),
        null);
  }

  private static String text(ClientSession client) throws InterruptedException {
    Optional<Received> next = client.inbox().next(BOUND);
    assertThat(next).as("a frame at %s within %s", client.name(), BOUND).get().isInstanceOf(Received.Text.class);
    return ((Received.Text) next.get()).text();
  }

  private static ReferenceServer operatorServer() {
    return ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR).operatorToken(SECRET)).start();
  }

  /** alice greets; bob (token in the query) and carol (token in a header) each push a line as operator. */
  @BeforeAll
  static void record() throws Exception {
    SessionRecorder recorder = new SessionRecorder("recorded.console", "the reference server", List.of(), false);
    try (ReferenceServer server = operatorServer();
         WireProxy proxy = WireProxy.to(server.uri()).recordInto(recorder).start()) {
      ClientSession alice = open(proxy.uri(), "alice", "/", Map.of());
      alice.send("你好");
      assertThat(text(alice)).contains("[自动回复]");
      ClientSession bob = open(proxy.uri(), "bob", "/operator?token=" + SECRET, Map.of());
      bob.send("您好，客服在线");
      assertThat(text(bob)).contains("\"ok\":true");
      assertThat(text(alice)).contains("您好，客服在线");
      ClientSession carol = open(proxy.uri(), "carol", "/operator", Map.of("Authorization", "Bearer " + SECRET));
      carol.send("请问有什么可以帮您？");
      assertThat(text(carol)).contains("\"ok\":true");
      assertThat(text(alice)).contains("请问有什么可以帮您？");
      for (ClientSession client : List.of(alice, bob, carol)) {
        client.close(1000);
        assertThat(client.inbox().next(BOUND)).get().isInstanceOf(Received.Closed.class);
      }
    }
    List<Path> files = recorder.writeTo(work.resolve("recorded"));
    assertThat(files).hasSize(1);
    file = files.get(0);
  }

  @Test
  void the_recorded_file_holds_the_variable_and_says_how_to_set_it_but_never_the_secret() throws Exception {
    String text = Files.readString(file);

    assertThat(text).doesNotContain(SECRET)
        .contains("path: \"/operator?token={TOKEN}\"", "Authorization: \"Bearer {TOKEN}\"")
        .contains("# Set them with: wxchat-sim run --var TOKEN=... (or environment variables of those names)\n"
            + "#   {TOKEN}: token= in the request path, the Authorization header\n");
  }

  @Test
  void run_with_the_variable_replays_passed_against_a_fresh_reference_server_and_the_reports_hold_no_secret()
      throws Exception {
    // given
    Path reports = work.resolve("reports-passed");
    try (ReferenceServer fresh = operatorServer()) {
      // when
      CliErrorsTest.Outcome run = CliErrorsTest.sim("run", "--scenarios", file.toString(), "--target",
          fresh.uri().toString(), "--var", "TOKEN=" + SECRET, "--report-dir", reports.toString());
      // then
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("PASSED", "recorded.console", "1 passed, 0 failed").doesNotContain(SECRET);
    }
    try (Stream<Path> written = Files.walk(reports)) {
      List<Path> withSecret = written.filter(Files::isRegularFile).filter(f -> read(f).contains(SECRET)).toList();
      assertThat(withSecret).as("report files holding the secret").isEmpty();
    }
    try (Stream<Path> written = Files.walk(reports)) {
      assertThat(written.filter(Files::isRegularFile).anyMatch(f -> read(f).contains("/operator?token={TOKEN}")))
          .as("the transcript shows where the variable went").isTrue();
    }
  }

  @Test
  void run_without_the_variable_stops_before_any_case_with_the_file_the_variable_and_how_to_set_it() {
    assumeThat(System.getenv("TOKEN")).as("the environment variable TOKEN would fill the variable").isNull();
    // given
    Path reports = work.resolve("reports-missing");
    // when
    CliErrorsTest.Outcome run = CliErrorsTest.sim("run", "--scenarios", file.toString(), "--target",
        "ws://127.0.0.1:9/", "--report-dir", reports.toString());
    // then
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("wxchat-sim: " + file + ": {TOKEN} needs a value; run with --var TOKEN=VALUE"
        + " or set the environment variable TOKEN" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
    assertThat(reports).doesNotExist();
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.session.ClientOptions;
import io.wxchat.session.ClientSession;
import io.wxchat.session.ClientSessions;
import io.wxchat.session.Received;
import io.wxchat.session.Transcript;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scripted mini-program clients for the record tests, with bounded, ordered assertions. */
final class Clients {
  static final Duration BOUND = Duration.ofSeconds(5);

  private Clients() {
  }

  static ClientSession open(URI uri, String name) throws Exception {
    return ClientSessions.open(uri, name, new ClientOptions("/", Map.of(), List.of(), false, BOUND), new Transcript(),
        null);
  }

  static ClientSession openRaw(URI uri, String name) throws Exception {
    return ClientSessions.open(uri, name, new ClientOptions("/", Map.of(), List.of(), true, BOUND), new Transcript(),
        null);
  }

  /** The next text frame, within 5 s. */
  static String text(ClientSession client) throws InterruptedException {
    Optional<Received> next = client.inbox().next(BOUND);
    assertThat(next).as("a frame at %s within %s", client.name(), BOUND).isPresent();
    assertThat(next.get()).as("at %s", client.name()).isInstanceOf(Received.Text.class);
    return ((Received.Text) next.get()).text();
  }

  static Received next(ClientSession client) throws InterruptedException {
    Optional<Received> next = client.inbox().next(BOUND);
    assertThat(next).as("a frame at %s within %s", client.name(), BOUND).isPresent();
    return next.get();
  }

  static void assertNoMore(ClientSession client, Duration quiet) throws InterruptedException {
    assertThat(client.inbox().next(quiet)).as("nothing more at %s", client.name()).isEmpty();
  }
}

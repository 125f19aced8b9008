package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client that records what it receives, with bounded, ordered assertions (after OkHttp's
 * WebSocketRecorder). Built on the JDK's client so a thousand of them share one selector thread.
 */
final class RecordingClient implements WebSocket.Listener, AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient SHARED = HttpClient.newHttpClient();

  sealed interface Event permits Text, Binary, Closed, Failed {
  }

  record Text(String text) implements Event {
  }

  record Binary(int bytes) implements Event {
  }

  record Closed(int code, String reason) implements Event {
  }

  record Failed(Throwable error) implements Event {
  }

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  static RecordingClient connect(URI uri) {
    return connect(SHARED, uri);
  }

  /** Connects, retrying refused handshakes until {@code limit} (the server frees a slot when it sees a close). */
  static RecordingClient connectWithin(URI uri, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        return connect(uri);
      } catch (RuntimeException refused) {
        if (System.nanoTime() > deadline) {
          throw refused;
        }
      }
    }
  }

  static RecordingClient connect(HttpClient http, URI uri) {
    return connectAsync(http, uri).join();
  }

  /** Connects within {@code limit}: a JVM's first TLS handshake can take seconds on a busy machine. */
  static RecordingClient connect(HttpClient http, URI uri, Duration limit) {
    return connectAsync(http, uri, limit).join();
  }

  static CompletableFuture<RecordingClient> connectAsync(HttpClient http, URI uri) {
    return connectAsync(http, uri, WAIT);
  }

  private static CompletableFuture<RecordingClient> connectAsync(HttpClient http, URI uri, Duration limit) {
    RecordingClient client = new RecordingClient();
    return http.newWebSocketBuilder().connectTimeout(limit).buildAsync(uri, client)
        .thenApply(ws -> {
          client.socket = ws;
          return client;
        });
  }

  RecordingClient send(String text) {
    socket.sendText(text, true).join();
    return this;
  }

  RecordingClient sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    return this;
  }

  /** The next event must be a text frame; returns it. */
  String takeText() {
    Event event = take();
    if (event instanceof Text text) {
      return text.text();
    }
    return fail("expected a text frame, got " + event);
  }

  JsonNode takeJson() {
    String text = takeText();
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return fail("expected JSON, got " + text);
    }
  }

  /** The next event must be the close handshake; returns its code. */
  int takeClose() {
    Event event = take();
    if (event instanceof Closed closed) {
      return closed.code();
    }
    return fail("expected the connection to close, got " + event);
  }

  /** Nothing arrives for {@code quiet}. */
  void assertNoMore(Duration quiet) throws InterruptedException {
    Event event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(event).as("nothing should arrive within %s", quiet).isNull();
  }

  Event take() {
    try {
      Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        return fail("nothing arrived within " + WAIT);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      events.add(new Text(partial.toString()));
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    events.add(new Binary(data.remaining()));
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    events.add(new Closed(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    events.add(new Failed(error));
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    if (socket != null) {
      socket.abort();
    }
  }
}

package io.wxchat.record;

import io.wxchat.record.internal.HttpHead;
import io.wxchat.record.internal.Masks;
import io.wxchat.record.internal.Transcription;
import io.wxchat.record.internal.WireEvent;
import io.wxchat.record.internal.WireTap;
import io.wxchat.session.internal.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects what a {@link WireProxy} forwards (and the operator lines typed meanwhile) and turns it
 * into scenario files: one multi-client recording, or one per connection.
 *
 * <pre>{@code
 * SessionRecorder recorder = new SessionRecorder("recorded.greeting", "ws://127.0.0.1:3000/", List.of(), false);
 * try (WireProxy proxy = WireProxy.to(upstream).recordInto(recorder).start()) { ... }
 * recorder.writeTo(Path.of("scenarios/recorded"));
 * }</pre>
 */
public final class SessionRecorder {
  private final String id;
  private final String source;
  private final List<String> maskRegexes;
  private final boolean splitPerClient;
  private final List<WireEvent> events = new ArrayList<>();
  private final Map<String, ByteArrayOutputStream> fragments = new ConcurrentHashMap<>();
  private final Map<String, Integer> fragmentOpcodes = new ConcurrentHashMap<>();
  private String title;

  /** {@code id} of the scenario (split files get {@code .1}, {@code .2}...); {@code source} is the upstream. */
  public SessionRecorder(String id, String source, List<String> maskRegexes, boolean splitPerClient) {
    Masks.check(maskRegexes);
    this.id = id;
    this.source = source;
    this.maskRegexes = List.copyOf(maskRegexes);
    this.splitPerClient = splitPerClient;
  }

  public SessionRecorder title(String title) {
    this.title = title;
    return this;
  }

  /** The operator typed {@code line} now (recorded exact, as an {@code operator} step). */
  public synchronized void operator(String line) {
    events.add(new WireEvent.Operator(line, System.nanoTime()));
  }

  synchronized void add(WireEvent event) {
    events.add(event);
  }

  /** The recordings so far (empty while nothing connected). */
  public synchronized List<Recording> recordings() {
    List<WireEvent> all = new ArrayList<>(events);
    // taps come from many threads, each after its frame was forwarded: the time read is the order
    all.sort(java.util.Comparator.comparingLong(WireEvent::nanos));
    List<Recording> out = new ArrayList<>();
    if (!splitPerClient) {
      Recording whole = Transcription.transcribe(id, title, source, all, new Masks(maskRegexes));
      if (whole != null) {
        out.add(whole);
      }
      return out;
    }
    Map<Integer, List<WireEvent>> byConnection = new LinkedHashMap<>();
    for (WireEvent event : all) {
      if (event.connection() != 0) {
        byConnection.computeIfAbsent(event.connection(), k -> new ArrayList<>()).add(event);
      } else {
        byConnection.values().forEach(list -> list.add(event));
      }
    }
    int n = 0;
    for (List<WireEvent> one : byConnection.values()) {
      Recording recording = Transcription.transcribe(id + "." + ++n, title, source, one, new Masks(maskRegexes));
      if (recording != null) {
        out.add(recording);
      }
    }
    return out;
  }

  /** Writes every recording so far into {@code folder}; returns the files. */
  public List<Path> writeTo(Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Recording recording : recordings()) {
      files.add(recording.writeTo(folder));
    }
    return files;
  }

  WireTap tap() {
    return new WireTap() {
      @Override
      public void opened(int connection, HttpHead request, HttpHead response, long nanos) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        String offered = request.header("Sec-WebSocket-Protocol");
        List<String> subprotocols = offered == null ? List.of()
            : Arrays.stream(offered.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        add(new WireEvent.Open(connection, request.target(), headers, subprotocols, response.status(), nanos));
      }

      @Override
      public void frame(int connection, boolean toServer, Frame frame, long nanos) {
        if (frame.opcode() == Frame.CLOSE) {
          add(new WireEvent.Close(connection, toServer, frame.closeCode(), frame.closeReason(), nanos));
          return;
        }
        if (frame.isControl()) {
          return; // ping and pong: the replaying client's library answers them itself
        }
        String key = connection + (toServer ? ">" : "<");
        ByteArrayOutputStream message = fragments.computeIfAbsent(key, k -> new ByteArrayOutputStream());
        if (frame.opcode() != Frame.CONTINUATION) {
          message.reset();
          fragmentOpcodes.put(key, frame.opcode());
        }
        message.writeBytes(frame.payload());
        if (frame.fin()) {
          byte[] whole = message.toByteArray();
          message.reset();
          boolean text = fragmentOpcodes.getOrDefault(key, Frame.TEXT) == Frame.TEXT;
          add(new WireEvent.Message(connection, toServer, text ? new String(whole, StandardCharsets.UTF_8) : null,
              text ? null : whole, nanos));
        }
      }

      @Override
      public void ended(int connection, boolean byClient, String why, long nanos) {
        add(new WireEvent.End(connection, byClient, why, nanos));
      }
    };
  }
}

package io.wxchat.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wxchat.record.internal.Masks;
import io.wxchat.record.internal.Transcription;
import io.wxchat.record.internal.WireEvent;
import io.wxchat.scenario.ScenarioException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the WebSocket sessions of a HAR file as WeChat DevTools or Chrome export it (the upgrade
 * entry's {@code _webSocketMessages}) into recordings: {@code HarImport.read(Path.of("session.har"), "imported.chat", List.of())}.
 */
public final class HarImport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HarImport() {
  }

  /**
   * One recording per WebSocket entry ({@code id}, or {@code id.1}, {@code id.2} when there are several), its
   * secrets masked as a recording's are; a {@code masks} entry that is not a regular expression is an
   * {@link IllegalArgumentException} naming it.
   */
  public static List<Recording> read(Path har, String id, List<String> masks) {
    Masks.check(masks); // before the file: a bad --mask reads as it does for record
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(har));
    } catch (JsonProcessingException e) {
      throw new ScenarioException(har.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "not a HAR file (" + e.getOriginalMessage().replaceAll("\\s+", " ") + "); expected the JSON that"
              + " DevTools' Network panel exports with Export HAR");
    } catch (IOException e) {
      throw new ScenarioException(har.toString(), 0, "cannot read: " + e.getMessage());
    }
    JsonNode entries = root == null ? null : root.path("log").path("entries");
    if (entries == null || !entries.isArray()) {
      throw new ScenarioException(har.toString(), 0, "no log.entries; expected a HAR file ({\"log\":{\"entries\":[...]}})");
    }
    List<JsonNode> sockets = new ArrayList<>();
    entries.forEach(entry -> {
      if (entry.path("_webSocketMessages").isArray()) {
        sockets.add(entry);
      }
    });
    if (sockets.isEmpty()) {
      throw new ScenarioException(har.toString(), 0, "no WebSocket entries (none of the " + entries.size()
          + " entries has _webSocketMessages); keep the Network panel open while the socket connects, then Export HAR");
    }
    List<Recording> recordings = new ArrayList<>();
    for (int n = 0; n < sockets.size(); n++) {
      JsonNode entry = sockets.get(n);
      String url = entry.path("request").path("url").asText("/");
      String scenarioId = sockets.size() == 1 ? id : id + "." + (n + 1);
      Recording recording = Transcription.transcribe(scenarioId, null, url + " (imported from " + har.getFileName()
          + ")", events(entry, har, n), new Masks(masks));
      if (recording != null) {
        recordings.add(recording);
      }
    }
    return recordings;
  }

  private static List<WireEvent> events(JsonNode entry, Path har, int n) {
    URI url;
    try {
      url = URI.create(entry.path("request").path("url").asText());
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(har.toString(), 0, "entry " + n + ": request.url is not a URL: " + e.getMessage());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    entry.path("request").path("headers").forEach(h -> {
      String name = h.path("name").asText();
      if (!name.isEmpty() && !name.startsWith(":")) {
        headers.putIfAbsent(name, h.path("value").asText());
      }
    });
    String offered = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol"))
        .map(Map.Entry::getValue).findFirst().orElse("");
    List<String> subprotocols = Arrays.stream(offered.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    JsonNode messages = entry.get("_webSocketMessages");
    long start = messages.isEmpty() ? 0 : seconds(messages.get(0)) - 1_000_000; // connected 1 ms before the first
    int status = entry.path("response").path("status").asInt(101);
    List<WireEvent> events = new ArrayList<>();
    events.add(new WireEvent.Open(1, path, headers, subprotocols, status == 0 ? 101 : status, start));
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String type = message.path("type").asText();
      if (!type.equals("send") && !type.equals("receive")) {
        throw new ScenarioException(har.toString(), 0, "entry " + n + " _webSocketMessages/" + i + "/type: \"" + type
            + "\"; expected send or receive");
      }
      int opcode = message.path("opcode").asInt(1);
      String data = message.path("data").asText("");
      long at = seconds(message);
      if (opcode == 1) {
        events.add(new WireEvent.Message(1, type.equals("send"), data, null, at));
      } else if (opcode == 2) {
        events.add(new WireEvent.Message(1, type.equals("send"), null, Base64.getDecoder().decode(data), at));
      }
    }
    return events;
  }

  private static long seconds(JsonNode message) {
    return Math.round(message.path("time").asDouble() * 1e9);
  }
}

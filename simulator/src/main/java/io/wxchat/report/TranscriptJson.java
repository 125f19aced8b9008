package io.wxchat.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wxchat.conformance.CaseResult;
import io.wxchat.scenario.Scenario;
import io.wxchat.session.RecordedEvent;
import java.util.List;
import java.util.Locale;

/** One case against one target as a JSON document: what it expected, the verdict, every frame. */
final class TranscriptJson {
  private TranscriptJson() {
  }

  static ObjectNode of(CaseResult result) {
    Scenario scenario = result.scenario();
    ObjectNode json = Json.object();
    json.put("id", scenario.id());
    json.put("suite", scenario.suite());
    json.put("title", SafeText.forJson(scenario.title()));
    json.put("expectation", SafeText.forJson(scenario.expectation()));
    strings(json.putArray("rules"), scenario.rules());
    strings(json.putArray("tags"), scenario.tags());
    json.put("target", SafeText.forJson(result.target()));
    json.put("verdict", result.verdict().name());
    json.put("behavior", VerdictStyle.behavior(result.verdict()));
    json.put("duration", Millis.exact(result.durationNanos()));
    json.put("failure", SafeText.forJson(result.failure()));
    json.put("rerun", SafeText.forJson(result.rerun()));
    strings(json.putArray("notes"), result.notes());
    json.put("serverLog", SafeText.forJson(result.serverLog()));
    ArrayNode events = json.putArray("events");
    for (RecordedEvent event : result.transcript()) {
      events.add(event(event));
    }
    return json;
  }

  private static ObjectNode event(RecordedEvent event) {
    ObjectNode json = Json.object();
    json.put("client", SafeText.forJson(event.client()));
    json.put("t", Millis.exact(event.nanos()));
    json.put("direction", lower(event.direction()));
    json.put("kind", lower(event.kind()));
    json.put("payload", SafeText.forJson(event.payload()));
    json.put("code", event.code());
    return json;
  }

  private static String lower(Enum<?> value) {
    return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(value -> array.add(SafeText.forJson(value)));
  }
}

package io.wxchat.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wxchat.conformance.CaseResult;
import java.util.List;

/**
 * Autobahn|Testsuite's {@code index.json}: target -> case id -> result, with Autobahn's field names
 * ({@code behavior}, {@code duration} in whole ms, {@code reportfile}) plus our verdict, title and rules.
 */
final class AutobahnIndex {
  private AutobahnIndex() {
  }

  /**
   * @param inTargetFolder whether the index sits in the target's folder (reportfile {@code <id>.json})
   *     or above it ({@code <folder>/<id>.json})
   */
  static ObjectNode of(List<TargetFolder> targets, boolean inTargetFolder) {
    ObjectNode index = Json.object();
    for (TargetFolder target : targets) {
      ObjectNode cases = index.putObject(SafeText.forJson(target.name()));
      for (CaseResult result : target.target().cases()) {
        ObjectNode entry = cases.putObject(result.id());
        entry.put("behavior", VerdictStyle.behavior(result.verdict()));
        entry.put("verdict", result.verdict().name());
        entry.put("duration", Millis.whole(result.durationNanos()));
        entry.put("reportfile", (inTargetFolder ? "" : target.folder() + "/") + result.id() + ".json");
        entry.put("title", SafeText.forJson(result.scenario().title()));
        result.scenario().rules().forEach(entry.putArray("rules")::add);
      }
    }
    return index;
  }
}

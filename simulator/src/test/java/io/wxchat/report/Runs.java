package io.wxchat.report;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.TargetResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import io.wxchat.session.RecordedEvent;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import java.time.Instant;
import java.util.List;

/** Hand-built runs for the report tests. */
final class Runs {
  static final Instant STARTED = Instant.parse("2026-03-01T09:00:00Z");
  static final String AUTO_REPLY = "[自动回复] : 请等待用户接入回复...";

  private Runs() {
  }

  static Scenario scenario(String id, String title, String... rules) {
    return Scenario.builder(id).title(title).expectation("Each 你好 is answered with one auto-reply")
        .rules(rules).tags("core").steps(Steps.connect("alice")).build();
  }

  static CaseResult result(Scenario scenario, String target, Verdict verdict, String failure, List<String> notes,
                           RecordedEvent... events) {
    return new CaseResult(scenario, target, verdict, 12_345_678L, failure, notes, List.of(events), "");
  }

  static CaseResult passed(Scenario scenario, String target, RecordedEvent... events) {
    return result(scenario, target, Verdict.PASSED, "", List.of(), events);
  }

  static TargetResult target(String name, CaseResult... cases) {
    return new TargetResult(name, "ws://127.0.0.1:3000/", "operator", List.of(cases), "");
  }

  static RunResult run(boolean strict, TargetResult... targets) {
    return new RunResult(List.of(targets), STARTED, STARTED.plusSeconds(3), strict);
  }

  static RecordedEvent open(String client, double millis) {
    return new RecordedEvent(client, nanos(millis), Direction.INFO, Kind.OPEN, "ws://127.0.0.1:3000/", 101);
  }

  static RecordedEvent out(String client, double millis, String text) {
    return new RecordedEvent(client, nanos(millis), Direction.OUT, Kind.TEXT, text, 0);
  }

  static RecordedEvent in(String client, double millis, String text) {
    return new RecordedEvent(client, nanos(millis), Direction.IN, Kind.TEXT, text, 0);
  }

  static RecordedEvent closed(String client, double millis, int code) {
    return new RecordedEvent(client, nanos(millis), Direction.IN, Kind.CLOSE, "", code);
  }

  static String reply(String content, String date) {
    return "{\"content\":\"" + content + "\",\"date\":\"" + date + "\"}";
  }

  private static long nanos(double millis) {
    return Math.round(millis * 1e6);
  }
}

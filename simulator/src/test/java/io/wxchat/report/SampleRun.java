package io.wxchat.report;

import static io.wxchat.report.Runs.AUTO_REPLY;
import static io.wxchat.report.Runs.in;
import static io.wxchat.report.Runs.open;
import static io.wxchat.report.Runs.out;
import static io.wxchat.report.Runs.reply;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.RunResult;
import io.wxchat.conformance.TargetResult;
import io.wxchat.conformance.Verdict;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Requirement;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Steps;
import io.wxchat.session.RecordedEvent;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A realistic differential run: the reference server passes, a Node candidate deviates. Also a main
 * that writes it, to look at the page: {@code SampleRun /tmp/h5-sample}.
 */
final class SampleRun {
  private static final String DATE = "2026-1-3 , 9:05 am";

  private SampleRun() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/h5-sample");
    System.out.println(ReportWriter.write(create(), dir));
  }

  static RunResult create() {
    Scenario greeting = scenario("operator.1.1", "The greeting gets the auto-reply",
        "One auto-reply with the exact content and a documented date", "C2", "O1", "O2", "O3");
    Scenario every = scenario("operator.1.2", "Every text gets the auto-reply",
        "Three texts from alice get three auto-replies, one each, in order", "O3", "R6");
    Scenario sender = scenario("operator.1.3", "The auto-reply goes only to the sender",
        "alice's 你好 is answered to alice while bob receives nothing for 500 ms", "O3", "O4");
    Scenario push = Scenario.builder("operator.2.1").title("An operator line reaches the client")
        .expectation("The operator types 您好，我是客服小王; alice receives it once as {content, date}")
        .rules("O5", "O6").tags("operator").requires(Requirement.OPERATOR).profiles(Profile.OPERATOR)
        .steps(Steps.connect("alice")).build();
    Scenario invalid = scenario("robustness.1.1", "Invalid UTF-8 is closed with 1007",
        "A text frame holding the bytes c3 28 is closed with 1007 and no reply", "R1");
    Scenario big = scenario("robustness.2.1", "A 64 KiB text is accepted",
        "A text of exactly 65,536 bytes of UTF-8 gets one auto-reply", "R2");
    Scenario hostile = scenario("robustness.3.1", "Text that looks like markup is just text",
        "The text <script>alert(1)</script> gets the auto-reply like any other", "C1", "O3");
    Scenario background = Scenario.builder("wechat.1.1").title("Background drop and reconnect")
        .expectation("The page hides for 6 s, the socket drops, the page shows, reconnects and greets again")
        .rules("W2").informational().steps(Steps.connect("alice")).build();

    String bigText = "长".repeat(21_845) + "a";
    List<CaseResult> reference = List.of(
        pass(greeting, "reference", 1.8, conversation("alice", 0.4, "你好", reply(AUTO_REPLY, DATE))),
        pass(every, "reference", 3.1, conversation("alice", 0.3, "你好", reply(AUTO_REPLY, DATE), "在吗",
            reply(AUTO_REPLY, DATE), "请问发货了吗？", reply(AUTO_REPLY, DATE))),
        pass(sender, "reference", 1004.2, twoClients()),
        pass(push, "reference", 4.6, events(open("alice", 0.5), info("alice", 1.1, "operator: 您好，我是客服小王"),
            in("alice", 2.0, reply("您好，我是客服小王", DATE)))),
        pass(invalid, "reference", 1.2, events(open("alice", 0.4), ev("alice", 0.8, Direction.OUT, Kind.RAW, "81 82 00 00 00 00 c3 28", 0),
            ev("alice", 1.0, Direction.IN, Kind.CLOSE, "invalid UTF-8", 1007))),
        pass(big, "reference", 6.9, conversation("alice", 0.5, bigText, reply(AUTO_REPLY, DATE))),
        pass(hostile, "reference", 1.4, conversation("alice", 0.4, "<script>alert(1)</script>", reply(AUTO_REPLY, DATE))),
        new CaseResult(background, "reference", Verdict.INFORMATIONAL, 6_012_000_000L, "",
            List.of("reconnected after 6.0 s and greeted again; the auto-reply came 2 ms later"),
            events(open("alice", 0.4), out("alice", 0.9, "你好"), in("alice", 2.1, reply(AUTO_REPLY, DATE)),
                ev("alice", 5003, Direction.INFO, Kind.CLOSE, "app hidden: WeChat dropped the socket", 1001),
                open("alice", 6004), out("alice", 6004.6, "你好"), in("alice", 6006.7, reply(AUTO_REPLY, DATE))),
            ""));
    List<CaseResult> candidate = List.of(
        new CaseResult(greeting, "candidate", Verdict.NON_STRICT, 3_400_000, "",
            List.of("/date \"2026-01-03 09:05:12\" is a date, but not in the documented format like \"2026-21-11 , 9:05 pm\""),
            conversation("alice", 0.6, "你好", reply(AUTO_REPLY, "2026-01-03 09:05:12")), log()),
        new CaseResult(every, "candidate", Verdict.FAILED, 2_004_700_000L, """
            operator.1.2 step 5 (expect, client alice) FAILED after 2000 ms
              expected: {"content":"[自动回复] : 请等待用户接入回复..."} (other fields ignored)
              closest:  nothing arrived on alice after frame 3
              transcript: reports/candidate/operator.1.2.json""", List.of(),
            events(open("alice", 0.6), out("alice", 0.9, "你好"), in("alice", 3.2, reply(AUTO_REPLY, DATE)),
                out("alice", 3.5, "在吗")), log()),
        pass(sender, "candidate", 1006.3, twoClients()),
        new CaseResult(push, "candidate", Verdict.UNIMPLEMENTED, 0, "",
            List.of("needs an operator driver: pass --operator-stdin to type into the server's console"), List.of(), ""),
        new CaseResult(invalid, "candidate", Verdict.FAILED, 2_001_100_000L, """
            robustness.1.1 step 3 (expectClose, client alice) FAILED after 2000 ms
              expected: a close with code 1007
              closest:  {"content":"[自动回复] : 请等待用户接入回复...","date":"2026-1-3 , 9:05 am"}   a reply, not a close
              transcript: reports/candidate/robustness.1.1.json""", List.of(),
            events(open("alice", 0.5), ev("alice", 0.8, Direction.OUT, Kind.RAW, "81 82 00 00 00 00 c3 28", 0),
                in("alice", 2.4, reply(AUTO_REPLY, DATE))), log()),
        pass(big, "candidate", 9.8, conversation("alice", 0.5, bigText, reply(AUTO_REPLY, DATE))),
        pass(hostile, "candidate", 2.2, conversation("alice", 0.6, "<script>alert(1)</script>", reply(AUTO_REPLY, DATE))));
    return new RunResult(List.of(
        new TargetResult("reference", "the embedded reference server (operator profile)", "operator", reference, ""),
        new TargetResult("candidate", "node server.js (ws://127.0.0.1:3000/)", "operator", candidate,
            "the server exited with code 1 during wechat.1.1; the remaining 1 case did not run")),
        Runs.STARTED, Runs.STARTED.plusMillis(12_480), false);
  }

  private static Scenario scenario(String id, String title, String expectation, String... rules) {
    return Scenario.builder(id).title(title).expectation(expectation).rules(rules).tags("core")
        .profiles(Profile.OPERATOR).steps(Steps.connect("alice")).build();
  }

  private static CaseResult pass(Scenario scenario, String target, double millis, List<RecordedEvent> events) {
    return new CaseResult(scenario, target, Verdict.PASSED, Math.round(millis * 1e6), "", List.of(), events,
        target.equals("candidate") ? log() : "");
  }

  /** Connect, then alternate: the client's text, the server's reply, each a millisecond or two apart. */
  private static List<RecordedEvent> conversation(String client, double start, String... texts) {
    List<RecordedEvent> events = new ArrayList<>(List.of(open(client, start)));
    double t = start + 0.4;
    for (int i = 0; i < texts.length; i++) {
      events.add(i % 2 == 0 ? out(client, t, texts[i]) : in(client, t, texts[i]));
      t += i % 2 == 0 ? 1.1 : 0.3;
    }
    return events;
  }

  private static List<RecordedEvent> twoClients() {
    return events(open("alice", 0.4), open("bob", 0.6), out("alice", 1.0, "你好"), in("alice", 2.2, reply(AUTO_REPLY, DATE)),
        out("bob", 503.0, "你好"), in("bob", 504.1, reply(AUTO_REPLY, DATE)));
  }

  private static String log() {
    return "chat server listening on 3000\nnew connection from ::ffff:127.0.0.1\nreceived: 你好\n";
  }

  private static List<RecordedEvent> events(RecordedEvent... events) {
    return List.of(events);
  }

  private static RecordedEvent info(String client, double millis, String text) {
    return ev(client, millis, Direction.INFO, Kind.TEXT, text, 0);
  }

  private static RecordedEvent ev(String client, double millis, Direction direction, Kind kind, String payload, int code) {
    return new RecordedEvent(client, Math.round(millis * 1e6), direction, kind, payload, code);
  }
}

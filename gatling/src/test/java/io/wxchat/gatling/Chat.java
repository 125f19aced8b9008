package io.wxchat.gatling;

import io.wxchat.scenario.DateStyle;
import io.wxchat.scenario.Matcher;
import io.wxchat.scenario.Matchers;
import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.Step;
import io.wxchat.scenario.Steps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The mini-program conversations the load simulations run, as scenarios built in Java (the same
 * model as the files): {@code Chat.conversation(Profile.OPERATOR, 3, Duration.ofSeconds(1))}.
 */
final class Chat {
  static final String USER = "mp";

  private Chat() {
  }

  /** Connect, greet and check the reply, then {@code messages} more texts after {@code think} each, close. */
  static Scenario conversation(Profile profile, int messages, Duration think) {
    List<Step> steps = new ArrayList<>(List.of(Steps.connect(USER), Steps.send(USER, "你好"),
        Steps.expect(USER, reply(profile, "你好"))));
    for (int i = 1; i <= messages; i++) {
      steps.add(Steps.waitFor(think));
      String text = "我的订单 " + i + " 还没到";
      steps.add(Steps.send(USER, text));
      steps.add(Steps.expect(USER, reply(profile, text)));
    }
    steps.add(Steps.close(USER));
    return Scenario.builder("load.chat").title("A mini-program chats")
        .expectation("Every text gets its reply (" + profile.id() + " profile) with a documented date")
        .steps(steps.toArray(Step[]::new)).build();
  }

  /** Connect, stay idle for {@code hold}, then greet and check the reply: an idle socket still works. */
  static Scenario idle(Profile profile, Duration hold) {
    return Scenario.builder("load.soak").title("A mini-program stays connected")
        .expectation("After " + hold.toSeconds() + " s idle the greeting still gets its reply")
        .steps(Steps.connect(USER), Steps.waitFor(hold), Steps.send(USER, "你好"),
            Steps.expect(USER, reply(profile, "你好"), Duration.ofSeconds(10)), Steps.close(USER))
        .build();
  }

  /** The documented reply to {@code text}: the auto-reply (operator, offline) or the echo. */
  static Matcher reply(Profile profile, String text) {
    return profile == Profile.ECHO
        ? Matchers.json("content", Matchers.equalTo("服务器回复:" + text), "timestamp", Matchers.date(DateStyle.ECHO))
        : Matchers.autoReply();
  }
}

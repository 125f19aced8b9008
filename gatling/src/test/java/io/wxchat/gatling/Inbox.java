package io.wxchat.gatling;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.wxchat.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frames a socket received while no check waited (Gatling's unmatched-message buffer, kept in
 * the session per client): pushes are expected and silences judged from it, each in a Gatling group
 * that fails (KO) when the expectation does. {@code Inbox.expect("push to alice", "alice", step)}
 */
final class Inbox {
  private static final Duration POLL = Duration.ofMillis(5);
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private Inbox() {
  }

  /** The next {@code expect.count()} frames at {@code client} must match, each within {@code expect.within()}. */
  static ChainBuilder expect(String name, String client, Step.Expect expect) {
    String got = "wxchat.got." + client;
    String until = "wxchat.until." + client;
    return group(name).on(
        exec(session -> session.set(got, 0).set(until, System.nanoTime() + expect.within().toNanos() * expect.count())),
        asLongAs(session -> !session.isFailed() && session.getInt(got) < expect.count()
            && System.nanoTime() < session.getLong(until)).on(
            pause(POLL),
            ws.processUnmatchedMessages(client, (messages, session) -> {
              List<String> frames = take(session, client, messages);
              int matched = session.getInt(got);
              while (matched < expect.count() && !frames.isEmpty()) {
                Optional<String> failure = MatcherCheck.failure(expect.message(), frames.remove(0));
                if (failure.isPresent()) {
                  report(name, failure.get());
                  return keep(session, client, frames).markAsFailed();
                }
                matched++;
              }
              return keep(session, client, frames).set(got, matched);
            })),
        exec(session -> {
          if (!session.isFailed() && session.getInt(got) < expect.count()) {
            report(name, "nothing arrived at " + client + " within " + expect.within().toMillis() + " ms; expected "
                + expect.message().describe());
            return session.markAsFailed();
          }
          return session;
        }));
  }

  /** Nothing (kept or new) arrives at {@code client} for {@code quiet}. */
  static ChainBuilder silence(String name, String client, Duration quiet) {
    return group(name).on(
        pause(quiet),
        ws.processUnmatchedMessages(client, (messages, session) -> {
          List<String> frames = take(session, client, messages);
          if (!frames.isEmpty()) {
            report(name, client + " received " + shorten(frames.get(0)) + " during " + quiet.toMillis()
                + " ms of expected silence");
            return keep(session, client, List.of()).markAsFailed();
          }
          return session;
        }));
  }

  /** Prints the first failure of each name once: the group's KO count says how often. */
  static void report(String name, String detail) {
    if (REPORTED.add(name)) {
      System.err.println("wxchat-gatling: " + name + " FAILED (first occurrence): " + detail);
    }
  }

  private static List<String> take(Session session, String client, List<WsInboundMessage> messages) {
    String key = "wxchat.inbox." + client;
    List<String> frames = new ArrayList<>(session.contains(key) ? session.<String>getList(key) : List.of());
    for (WsInboundMessage message : messages) {
      frames.add(message instanceof WsInboundMessage.Text text ? text.message() : "(a binary frame)");
    }
    return frames;
  }

  private static Session keep(Session session, String client, List<String> frames) {
    return session.set("wxchat.inbox." + client, List.copyOf(frames));
  }

  private static String shorten(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}

package io.wxchat.conformance.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import io.wxchat.scenario.Step;
import io.wxchat.session.ClientSession;
import io.wxchat.session.Received;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Picks the branch of a {@code oneOf} step by the next frame its client receives: the first branch
 * whose opening {@code expect} matches that frame, or whose opening {@code silence} saw none; a frame
 * no branch takes goes to the documented first branch, which then reports it.
 */
final class Alternatives {
  private Alternatives() {
  }

  /** The chosen branch and its steps to run (an opening silence already kept is a no-op in its place). */
  record Choice(Step.Branch branch, List<Step> remaining) {
  }

  static Choice choose(Step.OneOf oneOf, ClientSession client) throws InterruptedException {
    List<Step.Branch> branches = oneOf.branches();
    Duration shortestSilence = null;
    Duration longestExpect = Duration.ZERO;
    for (Step.Branch branch : branches) {
      Step first = branch.steps().get(0);
      if (first instanceof Step.Silence s) {
        shortestSilence = shortestSilence == null || s.quiet().compareTo(shortestSilence) < 0 ? s.quiet() : shortestSilence;
      } else if (first instanceof Step.Expect e && e.within().compareTo(longestExpect) > 0) {
        longestExpect = e.within();
      }
    }
    Optional<Received> next = client.inbox().next(shortestSilence != null ? shortestSilence : longestExpect);
    if (next.isEmpty()) {
      for (Step.Branch branch : branches) {
        if (branch.steps().get(0) instanceof Step.Silence s && s.quiet().equals(shortestSilence)) {
          List<Step> rest = new java.util.ArrayList<>(branch.steps());
          rest.set(0, new Step.Wait(Duration.ZERO)); // that silence has been kept; the numbers stay
          return new Choice(branch, rest);
        }
      }
      return new Choice(branches.get(0), branches.get(0).steps()); // it reports what did not arrive
    }
    Received frame = next.get();
    client.inbox().unread(frame);
    if (frame instanceof Received.Text text) {
      for (Step.Branch branch : branches) {
        if (branch.steps().get(0) instanceof Step.Expect e
            && !e.message().match(TextNode.valueOf(text.text()), "", clockAt(frame)).failed()) {
          return new Choice(branch, branch.steps());
        }
      }
    }
    return new Choice(branches.get(0), branches.get(0).steps());
  }

  /** The wall clock when {@code received} arrived (a date in it is judged against that moment). */
  static Clock clockAt(Received received) {
    Instant arrival = Instant.now().minusNanos(System.nanoTime() - received.nanos());
    return Clock.fixed(arrival, ZoneId.systemDefault());
  }
}

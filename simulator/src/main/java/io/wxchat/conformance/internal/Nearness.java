package io.wxchat.conformance.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import io.wxchat.conformance.Failure;
import io.wxchat.scenario.MatchResult;
import io.wxchat.scenario.Matcher;
import io.wxchat.session.Received;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores frames by how near they came to an expectation, as WireMock ranks near misses: a frame the
 * matcher passes scores 1, a NON_STRICT one 0.9, a failing one up to 0.8 by how alike its text is to
 * the expectation (shared character pairs); binary frames and closes score 0.
 */
final class Nearness {
  static final int SHOWN = 3;

  private Nearness() {
  }

  /** The {@link #SHOWN} nearest of {@code candidates}, best first, each frame's text after its label. */
  static List<Failure.Near> rank(Matcher matcher, List<Candidate> candidates) {
    List<Failure.Near> scored = new ArrayList<>();
    for (Candidate candidate : candidates) {
      scored.add(score(matcher, candidate));
    }
    scored.sort(Comparator.comparingDouble(Failure.Near::score).reversed());
    return scored.subList(0, Math.min(SHOWN, scored.size()));
  }

  /** A frame to score, with how to label it ({@code (earlier) }). */
  record Candidate(Received frame, String label) {
  }

  private static Failure.Near score(Matcher matcher, Candidate candidate) {
    if (!(candidate.frame() instanceof Received.Text text)) {
      return new Failure.Near(candidate.label() + candidate.frame(), "", 0);
    }
    MatchResult result = matcher.match(TextNode.valueOf(text.text()), "");
    double score = switch (result.outcome()) {
      case PASS -> 1;
      case NON_STRICT -> 0.9;
      case FAIL -> 0.8 * alike(text.text(), matcher.describe());
    };
    return new Failure.Near(candidate.label() + Texts.shorten(text.text()), result.detail(), score);
  }

  /** Dice's coefficient over pairs of code points: 1 for the same text, 0 for nothing in common. */
  static double alike(String a, String b) {
    Map<Long, Integer> pairs = pairs(a);
    int total = pairs.values().stream().mapToInt(Integer::intValue).sum();
    int shared = 0;
    int[] cps = b.codePoints().toArray();
    int others = Math.max(0, cps.length - 1);
    for (int i = 0; i + 1 < cps.length; i++) {
      long pair = ((long) cps[i] << 32) | cps[i + 1];
      Integer left = pairs.get(pair);
      if (left != null && left > 0) {
        shared++;
        pairs.put(pair, left - 1);
      }
    }
    return total + others == 0 ? (a.equals(b) ? 1 : 0) : 2.0 * shared / (total + others);
  }

  private static Map<Long, Integer> pairs(String text) {
    Map<Long, Integer> pairs = new HashMap<>();
    int[] cps = text.codePoints().toArray();
    for (int i = 0; i + 1 < cps.length; i++) {
      pairs.merge(((long) cps[i] << 32) | cps[i + 1], 1, Integer::sum);
    }
    return pairs;
  }
}

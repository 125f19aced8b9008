package io.wxchat.report;

import io.wxchat.session.RecordedEvent;
import io.wxchat.session.RecordedEvent.Direction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the transcripts of one case against several targets first part ways (differential mode).
 *
 * <p>Frames are compared by client, direction, kind, close code and payload, with dates in JSON
 * payloads masked ({@link VolatileFields}). Each client's frames are compared on their own, because
 * the interleaving of two clients' frames is timing, not behaviour. The harness's own notes
 * ({@code info}) are compared without their text, which holds URLs and ports; plain HTTP requests
 * without the server's address, and HTTP responses by status alone (error pages differ by server).
 *
 * <p>When several clients diverge, the one that diverges first in the first target's transcript (the
 * reference, in differential mode) is the one marked, at the same frame of that client in every target.
 * A frame a target lacks is marked at the end of its transcript: a failed expectation ends a case, so
 * that is where it would have come.
 *
 * @param client the client whose frames diverge first
 * @param frames per target, the index in its transcript of that client's first differing frame, or
 *     the transcript's size where the frame is missing
 * @param missing per target, whether it lacks the frame the others have
 */
record Divergence(String client, List<Integer> frames, List<Boolean> missing) {
  /** The first divergence, if the transcripts (two or more) differ. */
  static Optional<Divergence> find(List<List<RecordedEvent>> transcripts) {
    if (transcripts.size() < 2) {
      return Optional.empty();
    }
    Divergence first = null;
    for (String client : clients(transcripts)) {
      List<List<Integer>> own = new ArrayList<>();
      transcripts.forEach(events -> own.add(indexesOf(client, events)));
      int at = firstDifference(transcripts, own);
      if (at < 0) {
        continue;
      }
      List<Integer> frames = new ArrayList<>();
      List<Boolean> missing = new ArrayList<>();
      for (int t = 0; t < transcripts.size(); t++) {
        boolean absent = at >= own.get(t).size();
        frames.add(absent ? transcripts.get(t).size() : own.get(t).get(at));
        missing.add(absent);
      }
      if (first == null || frames.get(0) < first.frames().get(0)) {
        first = new Divergence(client, frames, missing);
      }
    }
    return Optional.ofNullable(first);
  }

  private static int firstDifference(List<List<RecordedEvent>> transcripts, List<List<Integer>> own) {
    int longest = own.stream().mapToInt(List::size).max().orElse(0);
    for (int k = 0; k < longest; k++) {
      Set<Key> keys = new LinkedHashSet<>();
      for (int t = 0; t < transcripts.size(); t++) {
        List<Integer> indexes = own.get(t);
        keys.add(k < indexes.size() ? Key.of(transcripts.get(t).get(indexes.get(k))) : null);
      }
      if (keys.size() > 1) {
        return k;
      }
    }
    return -1;
  }

  private static Set<String> clients(List<List<RecordedEvent>> transcripts) {
    Set<String> clients = new LinkedHashSet<>();
    transcripts.forEach(events -> events.forEach(e -> clients.add(Objects.toString(e.client(), ""))));
    return clients;
  }

  private static List<Integer> indexesOf(String client, List<RecordedEvent> events) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (client.equals(Objects.toString(events.get(i).client(), ""))) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  /** What must agree between two targets' frames. */
  private record Key(Direction direction, RecordedEvent.Kind kind, int code, String payload) {
    static Key of(RecordedEvent event) {
      return new Key(event.direction(), event.kind(), event.code(), comparable(event));
    }

    private static String comparable(RecordedEvent event) {
      if (event.direction() == Direction.INFO) {
        return "";
      }
      if (event.kind() == RecordedEvent.Kind.HTTP) {
        return event.direction() == Direction.OUT ? VolatileFields.withoutAddress(event.payload()) : "";
      }
      return VolatileFields.normalize(event.payload());
    }
  }
}

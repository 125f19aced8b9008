package io.wxchat.session;

import java.util.ArrayList;
import java.util.List;

/** Everything the clients of one case sent and received, in order, with times. Thread-safe. */
public final class Transcript {
  private final long startNanos = System.nanoTime();
  private final List<RecordedEvent> events = new ArrayList<>();

  public RecordedEvent record(String client, RecordedEvent.Direction direction, RecordedEvent.Kind kind,
                              String payload, int code) {
    return recordAt(System.nanoTime(), client, direction, kind, payload, code);
  }

  /** Records an event whose time was taken earlier, at {@code nanoTime}. */
  public RecordedEvent recordAt(long nanoTime, String client, RecordedEvent.Direction direction,
                                RecordedEvent.Kind kind, String payload, int code) {
    RecordedEvent event = new RecordedEvent(client, nanoTime - startNanos, direction, kind, payload, code);
    synchronized (events) {
      events.add(event);
    }
    return event;
  }

  /** A copy, ordered by time. */
  public List<RecordedEvent> events() {
    List<RecordedEvent> copy;
    synchronized (events) {
      copy = new ArrayList<>(events);
    }
    copy.sort(java.util.Comparator.comparingLong(RecordedEvent::nanos));
    return copy;
  }
}

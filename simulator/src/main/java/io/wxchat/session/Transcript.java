package io.wxchat.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the clients of one case sent and received, in order, with times. Thread-safe and
 * bounded whatever a server sends: at most {@link #MAX_EVENTS} events, each payload cut to
 * {@link #MAX_PAYLOAD_CHARS}, and {@link #MAX_CASE_PAYLOAD_CHARS} of payload in all (later payloads
 * keep their first {@link #SPENT_PAYLOAD_CHARS}); what was cut is counted, and {@link #events()}
 * ends with a note that says so.
 */
public final class Transcript {
  public static final int MAX_EVENTS = 5_000;
  public static final int MAX_PAYLOAD_CHARS = 16 * 1024;
  public static final long MAX_CASE_PAYLOAD_CHARS = 512 * 1024;
  public static final int SPENT_PAYLOAD_CHARS = 80;
  static final int NOTE_CHARS = 1_000;

  private final long startNanos = System.nanoTime();
  private final List<RecordedEvent> events = new ArrayList<>();
  private long payloadChars;
  private long cutEvents;
  private long cutChars;
  private long lastNanos;

  public RecordedEvent record(String client, RecordedEvent.Direction direction, RecordedEvent.Kind kind,
                              String payload, int code) {
    return recordAt(System.nanoTime(), client, direction, kind, payload, code);
  }

  /** Records an event whose time was taken earlier, at {@code nanoTime}. */
  public RecordedEvent recordAt(long nanoTime, String client, RecordedEvent.Direction direction,
                                RecordedEvent.Kind kind, String payload, int code) {
    String text = payload == null ? "" : payload;
    synchronized (events) {
      lastNanos = Math.max(lastNanos, nanoTime - startNanos);
      if (events.size() >= MAX_EVENTS) {
        cutEvents++;
        cutChars += text.length();
        return null;
      }
      int keep = (int) Math.min(text.length(), payloadChars < MAX_CASE_PAYLOAD_CHARS
          ? Math.min(MAX_PAYLOAD_CHARS, MAX_CASE_PAYLOAD_CHARS - payloadChars) : SPENT_PAYLOAD_CHARS);
      // the harness's own notes (why a connection ended, why a send failed) are short and always readable
      keep = Math.max(keep, Math.min(text.length(), direction == RecordedEvent.Direction.INFO ? NOTE_CHARS
          : SPENT_PAYLOAD_CHARS));
      String kept = keep == text.length() ? text : cut(text, keep);
      payloadChars += keep;
      cutChars += text.length() - keep;
      RecordedEvent event = new RecordedEvent(client, nanoTime - startNanos, direction, kind, kept, code);
      events.add(event);
      return event;
    }
  }

  /** A copy, ordered by time; if anything was cut, a last note says how much. */
  public List<RecordedEvent> events() {
    List<RecordedEvent> copy;
    long events;
    long chars;
    long last;
    synchronized (this.events) {
      copy = new ArrayList<>(this.events);
      events = cutEvents;
      chars = cutChars;
      last = lastNanos;
    }
    copy.sort(Comparator.comparingLong(RecordedEvent::nanos));
    if (events > 0 || chars > 0) {
      copy.add(new RecordedEvent("harness", last, RecordedEvent.Direction.INFO, RecordedEvent.Kind.ERROR,
          cutNote(events, chars), 0));
    }
    return copy;
  }

  private static String cutNote(long events, long chars) {
    return String.format(java.util.Locale.ROOT, "transcript cut: %,d events not kept, %,d chars of payloads cut"
        + " (a case keeps at most %,d events, %,d chars a payload, %,d chars of payloads in all)",
        events, chars, MAX_EVENTS, MAX_PAYLOAD_CHARS, MAX_CASE_PAYLOAD_CHARS);
  }

  private static String cut(String text, int keep) {
    int end = keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1)) ? keep - 1 : keep;
    return text.substring(0, end) + "... (" + text.length() + " chars in all)";
  }
}

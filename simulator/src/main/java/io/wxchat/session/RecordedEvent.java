package io.wxchat.session;

/**
 * One thing that crossed the wire in a case, as the simulated client saw it, timed with
 * {@link System#nanoTime()} relative to the case start (precise to the microsecond).
 *
 * @param client the client's name in the scenario
 * @param nanos nanoseconds since the transcript started
 * @param direction {@code in} (server to client), {@code out} (client to server), or {@code info}
 * @param kind open, text, binary, raw, close, error, http
 * @param payload the text, or hex for binary and raw bytes, or a note
 * @param code the close code or HTTP status; 0 when not applicable
 */
public record RecordedEvent(String client, long nanos, Direction direction, Kind kind, String payload, int code) {
  public enum Direction { IN, OUT, INFO }

  public enum Kind { OPEN, TEXT, BINARY, RAW, CLOSE, ERROR, HTTP }
}

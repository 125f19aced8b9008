package io.wxchat.session;

import java.time.Duration;
import java.util.Optional;

/**
 * One simulated mini-program connection. Everything it sends and receives goes into the case's
 * {@link Transcript}; what it receives also waits in order for {@link #next(Duration)}.
 */
public interface ClientSession extends AutoCloseable {
  String name();

  void send(String text);

  void sendBinary(byte[] bytes);

  /** Writes bytes to the socket as they are (raw sessions only). */
  void sendRaw(byte[] bytes);

  /** The next unread frame or close, waiting at most {@code within}; empty if nothing came. */
  Optional<Received> next(Duration within) throws InterruptedException;

  /** Puts {@code received} back in front, to be returned by the next {@link #next}. */
  void unread(Received received);

  /** Unread frames waiting for {@link #next}. */
  int pending();

  boolean isOpen();

  /** A close handshake with {@code code}. */
  void close(int code);

  /** Drops the TCP connection without a close frame, as WeChat does to a backgrounded app. */
  void drop();

  /** Stops reading the socket (raw sessions only). */
  void pauseReading();

  void resumeReading();

  @Override
  void close();
}

package io.wxchat.session;

/**
 * One simulated mini-program connection. Everything it sends and receives goes into the case's
 * {@link Transcript}; what it receives also waits, in order, in its {@link #inbox()}.
 */
public interface ClientSession extends AutoCloseable {
  String name();

  void send(String text);

  void sendBinary(byte[] bytes);

  /** Writes bytes to the socket as they are (raw sessions only). */
  void sendRaw(byte[] bytes);

  /** What it has received and not yet read. */
  Inbox inbox();

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

package io.wxchat.session;

/** What a simulated client can receive: a text frame, a binary frame, or the end of the connection. */
public sealed interface Received {
  long nanos();

  record Text(String text, long nanos) implements Received {
  }

  record Binary(byte[] bytes, long nanos) implements Received {
    @Override
    public String toString() {
      return "binary frame of " + bytes.length + " bytes";
    }
  }

  /** The connection ended: a close frame's code, or 1006 when the TCP connection dropped without one. */
  record Closed(int code, String reason, long nanos) implements Received {
    @Override
    public String toString() {
      return "close " + code + (reason == null || reason.isEmpty() ? "" : " \"" + reason + "\"");
    }
  }
}

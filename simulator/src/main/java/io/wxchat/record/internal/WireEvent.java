package io.wxchat.record.internal;

import java.util.List;
import java.util.Map;

/** One thing a recording saw, in wire order; {@code nanos} on one monotonic clock. */
public sealed interface WireEvent {
  int connection();

  long nanos();

  /** A client's upgrade, answered with {@code status} (101 when it opened). */
  record Open(int connection, String path, Map<String, String> headers, List<String> subprotocols, int status,
              long nanos) implements WireEvent {
  }

  /** A whole message (fragments joined): text, or binary as bytes. */
  record Message(int connection, boolean toServer, String text, byte[] binary, long nanos) implements WireEvent {
  }

  /** A close frame, sent by the client ({@code toServer}) or by the server. */
  record Close(int connection, boolean toServer, int code, String reason, long nanos) implements WireEvent {
  }

  /** The TCP connection ended. */
  record End(int connection, boolean byClient, String why, long nanos) implements WireEvent {
  }

  /** The operator typed a line on the server's console (connection 0). */
  record Operator(String line, long nanos) implements WireEvent {
    @Override
    public int connection() {
      return 0;
    }
  }
}

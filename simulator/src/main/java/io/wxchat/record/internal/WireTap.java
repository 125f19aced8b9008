package io.wxchat.record.internal;

import io.wxchat.session.internal.Frame;

/** What a proxy tells its listener about the connections it forwards; calls come from many threads. */
public interface WireTap {
  WireTap NONE = new WireTap() {
  };

  /** A client's upgrade request reached the upstream and was answered with {@code status}. */
  default void opened(int connection, HttpHead request, HttpHead response, long nanos) {
  }

  /** A frame crossed, {@code toServer} or toward the client. */
  default void frame(int connection, boolean toServer, Frame frame, long nanos) {
  }

  /** The connection is over; {@code why} says how, e.g. {@code the client dropped the TCP connection}. */
  default void ended(int connection, boolean byClient, String why, long nanos) {
  }
}

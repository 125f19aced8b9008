package io.wxchat.server.internal;

import java.util.concurrent.atomic.AtomicLong;

/** What the server knows of one accepted connection; attached to its socket. */
final class Session {
  enum Kind { CHAT, OPERATOR, REFUSED }

  private static final AtomicLong IDS = new AtomicLong();

  final long id = IDS.incrementAndGet();
  final Kind kind;
  final String peer;
  final Refusal refusal;
  final long openedNanos = System.nanoTime();

  private Session(Kind kind, String peer, Refusal refusal) {
    this.kind = kind;
    this.peer = peer;
    this.refusal = refusal;
  }

  static Session chat(String peer) {
    return new Session(Kind.CHAT, peer, null);
  }

  static Session operator(String peer) {
    return new Session(Kind.OPERATOR, peer, null);
  }

  static Session refused(String peer, Refusal refusal) {
    return new Session(Kind.REFUSED, peer, refusal);
  }

  @Override
  public String toString() {
    return "#" + id + " " + peer;
  }
}

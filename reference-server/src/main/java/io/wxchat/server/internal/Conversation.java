package io.wxchat.server.internal;

import io.wxchat.server.Mode;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The protocol's state machine: offline (auto-replies) until the operator's first line, then online
 * for good (rules O3-O7); or the stateless echo (rules E1-E3).
 */
public final class Conversation {
  private final Mode mode;
  private final Replies replies;
  // Auto-replies hold the read lock while they check and send; the operator's switch holds the write
  // lock while it flips the flag and pushes. So no auto-reply can follow the first push on any socket.
  private final ReadWriteLock switchLock = new ReentrantReadWriteLock();
  private volatile boolean online;

  public Conversation(Mode mode, Replies replies) {
    this.mode = mode;
    this.replies = replies;
  }

  /** Answers one client text through {@code reply}, or not at all once online. */
  public void receive(String text, Consumer<EncodedFrame> reply) {
    if (mode == Mode.ECHO) {
      reply.accept(replies.echo(text));
      return;
    }
    if (online) {
      return;
    }
    switchLock.readLock().lock();
    try {
      if (!online) {
        reply.accept(replies.autoReply());
      }
    } finally {
      switchLock.readLock().unlock();
    }
  }

  /**
   * Pushes one operator line to every client through {@code pushToAll} and goes online. The frame
   * is encoded when {@code pushToAll} first asks for it: once for all clients, and not at all when no
   * client is there to get it (a flood of long lines to no one costs no encoding).
   *
   * @return what happened, with the number of clients reached
   */
  public OperatorResult operatorSays(String line, ToIntFunction<Supplier<EncodedFrame>> pushToAll) {
    if (mode == Mode.ECHO) {
      return OperatorResult.ignored("echo mode has no operator; start the server with --mode operator");
    }
    String content = trim(line);
    if (content.isEmpty()) {
      return OperatorResult.ignored("empty operator line ignored (rule O5)");
    }
    switchLock.writeLock().lock();
    try {
      online = true;
      return OperatorResult.delivered(pushToAll.applyAsInt(() -> replies.operatorLine(content)));
    } finally {
      switchLock.writeLock().unlock();
    }
  }

  public boolean online() {
    return online;
  }

  /**
   * Trims like JavaScript's {@code String.prototype.trim} (the seed's): every Unicode space
   * separator (also U+3000, the full-width space of Chinese keyboards, and U+00A0), tab, vertical
   * tab, form feed, BOM and the line terminators. Java's {@code strip()} keeps U+00A0 and U+FEFF.
   */
  static String trim(String line) {
    int start = 0;
    int end = line.length();
    while (start < end && isJsWhiteSpace(line.charAt(start))) {
      start++;
    }
    while (end > start && isJsWhiteSpace(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(start, end);
  }

  private static boolean isJsWhiteSpace(char c) {
    return Character.getType(c) == Character.SPACE_SEPARATOR || "\t\u000B\f\n\r\uFEFF\u2028\u2029".indexOf(c) >= 0;
  }
}

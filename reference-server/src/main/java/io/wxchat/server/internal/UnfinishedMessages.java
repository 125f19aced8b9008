package io.wxchat.server.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The budget of all connections together for messages that have begun to arrive and not ended. Each
 * connection's message has a bound (64 KiB), but Java-WebSocket buffers a frame that spans reads at
 * its whole declared size, so 15,000 connections that each hold an unfinished message of 63 KiB
 * would take 1.2 GB. Its {@link FrameGuard} reserves what a connection's unfinished message holds
 * and releases it when the message ends or the connection closes; a reservation past the budget
 * closes that connection (1008), and the others' messages go on.
 */
final class UnfinishedMessages {
  /** The most, whatever the heap: 2,000 unfinished messages of 64 KiB. */
  static final long MAX_BUDGET_BYTES = 128L * 1024 * 1024;

  private final long budgetBytes;
  private final AtomicLong held = new AtomicLong();

  UnfinishedMessages(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  /**
   * A quarter of the heap, at most 128 MiB; the property {@code wxchat.server.unfinishedBudgetBytes}
   * is for tests that must run out of heap another way.
   */
  static UnfinishedMessages forHeap() {
    long budget = Math.min(MAX_BUDGET_BYTES, Runtime.getRuntime().maxMemory() / 4);
    return new UnfinishedMessages(Long.getLong("wxchat.server.unfinishedBudgetBytes", budget));
  }

  /** Takes {@code bytes} more from the budget; false, taking nothing, if they would pass it. */
  boolean reserve(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > budgetBytes) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  long held() {
    return held.get();
  }

  long budgetBytes() {
    return budgetBytes;
  }

  /** The line the server logs at start. */
  String describe() {
    return "unfinished incoming messages: at most " + budgetBytes / (1024 * 1024)
        + " MiB for all clients (a quarter of the heap, at most " + MAX_BUDGET_BYTES / (1024 * 1024) + " MiB)";
  }
}

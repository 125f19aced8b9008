package io.wxchat.server.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator lines waiting to be pushed, at most {@link #CAPACITY}, pushed one at a time on their own
 * thread: a flood on the operator channel cannot grow memory or hold the selector thread (which would
 * delay every client), and a full queue is answered at once ({@code {"ok":false,...}}).
 */
final class OperatorQueue implements AutoCloseable {
  static final int CAPACITY = 256;
  private static final Logger log = LoggerFactory.getLogger("io.wxchat.server");

  private record Line(String text, String source, Consumer<OperatorResult> then) {
  }

  /** What pushes one line. */
  interface Pusher {
    OperatorResult say(String line, String source);
  }

  private final BlockingQueue<Line> lines = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;

  OperatorQueue(Pusher pusher) {
    thread = new Thread(() -> {
      try {
        while (true) {
          Line line = lines.take();
          try {
            line.then().accept(pusher.say(line.text(), line.source()));
          } catch (RuntimeException e) { // one bad line must not end the pushes of all later ones
            log.warn("operator line from the {} not pushed: {}", line.source(), e.toString(), e);
            answerFailure(line, e);
          }
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }, "wxchat-operator");
    thread.setDaemon(true);
    thread.start();
  }

  private static void answerFailure(Line line, RuntimeException e) {
    try {
      line.then().accept(OperatorResult.ignored("the line could not be pushed: " + e));
    } catch (RuntimeException answerFailed) {
      log.debug("the {} could not be told: {}", line.source(), answerFailed.toString());
    }
  }

  /** Queues {@code line}; false, and nothing queued, when the queue is full. */
  boolean offer(String line, String source, Consumer<OperatorResult> then) {
    return lines.offer(new Line(line, source, then));
  }

  /** Queues {@code line}, waiting for room (for the console, whose reader may wait: no client does). */
  void put(String line, String source) throws InterruptedException {
    lines.put(new Line(line, source, result -> { }));
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}

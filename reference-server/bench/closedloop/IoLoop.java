package closedloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread for every connection: no futures or hand-offs per message, so the driver
 * spends a fraction of the server's CPU (reference-server/bench/README.md, "Why its own client").
 */
final class IoLoop implements AutoCloseable {
  static final int MAX_FRAME = 1 << 20;
  final Selector selector;
  /** Shared by every connection: a read never outlives its callback. */
  final ByteBuffer readBuffer = ByteBuffer.allocate(MAX_FRAME + 64);
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile boolean stopped;

  IoLoop(String name) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the loop thread, soon. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  @Override
  public void close() {
    stopped = true;
    selector.wakeup();
  }

  private void run() {
    while (!stopped) {
      try {
        selector.select();
      } catch (IOException e) {
        System.out.println("  io loop: select failed: " + e);
        return;
      }
      // a throw here would silently stop every connection: report it and go on
      try {
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          ((Connection) key.attachment()).ready(key);
        }
      } catch (RuntimeException | Error e) {
        System.out.println("  io loop: unexpected " + e);
      }
      selector.selectedKeys().clear();
    }
    for (SelectionKey key : selector.keys()) {
      try {
        key.channel().close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}

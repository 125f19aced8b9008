package io.wxchat.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The saves of one recording: one every period while it runs (a kill -9 loses at most that much),
 * and the last one at the end. The last save is the last writer: it waits for a periodic save in
 * progress, and none starts after it, so everything recorded before {@link #finish()} is in the
 * file and no older snapshot overwrites it.
 */
final class Autosave {
  /** Writes the recording as it is now; {@code last} for the final save. */
  interface Save {
    void save(boolean last);
  }

  private final Save save;
  private final CountDownLatch finished = new CountDownLatch(1);
  private boolean done; // guarded by this: saves run one at a time, under the lock
  private Thread ticker;

  Autosave(Save save) {
    this.save = save;
  }

  /** Saves every {@code period} on a daemon thread until {@link #finish()}. */
  synchronized Autosave start(Duration period) {
    if (ticker != null) {
      throw new IllegalStateException("start() already called");
    }
    ticker = new Thread(() -> {
      try {
        while (!finished.await(period.toMillis(), TimeUnit.MILLISECONDS)) {
          tick();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "record-save");
    ticker.setDaemon(true);
    ticker.start();
    return this;
  }

  /** One periodic save, unless {@link #finish()} ran; true if it saved. */
  synchronized boolean tick() {
    if (done) {
      return false;
    }
    save.save(false);
    return true;
  }

  /**
   * The last save, once: waits for a periodic save in progress, then saves; a second call (a signal
   * during the end of --duration) waits for the first to have saved and returns false.
   */
  synchronized boolean finish() {
    if (done) {
      return false;
    }
    done = true;
    finished.countDown();
    save.save(true);
    return true;
  }

  /** The periodic thread (null before start()); it ends after {@link #finish()}. */
  synchronized Thread ticker() {
    return ticker;
  }
}

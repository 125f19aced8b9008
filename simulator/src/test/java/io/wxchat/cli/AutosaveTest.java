package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The recorder's saves: the last one is the last writer, whatever the periodic saver is doing. */
class AutosaveTest {
  private static final long BOUND_MILLIS = 5_000;

  /** Waits (bounded) until {@code thread} has ended or waits for a lock or a condition. */
  private static void awaitStuckOrDone(Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
    while (thread.getState() != Thread.State.TERMINATED && thread.getState() != Thread.State.BLOCKED
        && thread.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("%s blocked or done within %d ms", thread.getName(), BOUND_MILLIS)
          .isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void the_last_save_waits_for_a_periodic_save_in_progress_and_comes_after_it() throws Exception {
    // given: a periodic save that took its snapshot and is still writing
    List<String> writes = new CopyOnWriteArrayList<>();
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Autosave saves = new Autosave(last -> {
      if (!last) {
        writing.countDown();
        try {
          release.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      writes.add(last ? "last" : "periodic");
    });
    Thread periodic = new Thread(saves::tick, "periodic");
    periodic.start();
    assertThat(writing.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    // when: the signal's finish comes meanwhile
    Thread finish = new Thread(saves::finish, "finish");
    finish.start();
    awaitStuckOrDone(finish);
    release.countDown();
    finish.join(BOUND_MILLIS);
    periodic.join(BOUND_MILLIS);
    // then: the older snapshot did not overwrite the last one
    assertThat(writes).containsExactly("periodic", "last");
  }

  @Test
  void after_finish_no_periodic_save_writes_and_a_second_finish_writes_nothing() {
    List<Boolean> writes = new CopyOnWriteArrayList<>();
    Autosave saves = new Autosave(writes::add);

    assertThat(saves.tick()).isTrue();
    assertThat(saves.finish()).isTrue();
    assertThat(saves.tick()).isFalse();
    assertThat(saves.finish()).isFalse();
    assertThat(writes).containsExactly(false, true);
  }

  @Test
  void the_periodic_thread_saves_until_finish_and_then_ends() throws Exception {
    // given
    CountDownLatch twoSaves = new CountDownLatch(2);
    List<Boolean> writes = new CopyOnWriteArrayList<>();
    Autosave saves = new Autosave(last -> {
      writes.add(last);
      twoSaves.countDown();
    }).start(Duration.ofMillis(10));
    assertThat(twoSaves.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)).as("two periodic saves").isTrue();
    // when
    saves.finish();
    // then
    saves.ticker().join(BOUND_MILLIS);
    assertThat(saves.ticker().isAlive()).isFalse();
    assertThat(writes.get(writes.size() - 1)).as("the last write is the last save").isTrue();
    assertThat(writes.subList(0, writes.size() - 1)).doesNotContain(true);
  }
}

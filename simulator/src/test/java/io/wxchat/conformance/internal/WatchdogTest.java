package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Steps;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A case ends once: finished or stopped, never both, and a stop names the step it was stuck in. */
class WatchdogTest {
  private static final Running.Entry STUCK = new Running.Entry("step 2 (send, client alice)",
      Steps.send("alice", "hi"), 0);

  private final AtomicInteger closes = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void a_watchdog_that_fires_after_the_case_finished_neither_stops_nor_interrupts_it() {
    Watchdog watchdog = new Watchdog(Thread.currentThread(), () -> Optional.of(STUCK), this::close);

    Optional<Watchdog.Stop> outcome = watchdog.finish();
    watchdog.fire();

    assertThat(outcome).isEmpty();
    assertThat(Thread.currentThread().isInterrupted()).as("interrupted after it finished").isFalse();
    assertThat(watchdog.finish()).as("asked again").isEmpty();
    assertThat(closes).hasValue(0);
  }

  @Test
  void a_case_that_finishes_while_its_watchdog_is_firing_is_finished_and_stays_uninterrupted() throws Exception {
    CountDownLatch firing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Watchdog watchdog = new Watchdog(Thread.currentThread(), () -> {
      firing.countDown();
      await(release);
      return Optional.of(STUCK);
    }, this::close);
    Thread timer = new Thread(watchdog::fire, "test-timer");
    timer.start();
    assertThat(firing.await(5, TimeUnit.SECONDS)).as("the watchdog began to fire").isTrue();

    Optional<Watchdog.Stop> outcome = watchdog.finish();
    release.countDown();
    timer.join(5_000);

    assertThat(timer.isAlive()).as("the watchdog returned").isFalse();
    assertThat(outcome).as("finished, not stopped").isEmpty();
    assertThat(Thread.currentThread().isInterrupted()).as("interrupted after it finished").isFalse();
    assertThat(watchdog.finish()).as("asked again").isEmpty();
    assertThat(closes).hasValue(0);
  }

  @Test
  void a_watchdog_that_fires_first_stops_the_case_at_its_stuck_step_and_its_interrupt_ends_with_the_case()
      throws Exception {
    Watchdog watchdog = new Watchdog(Thread.currentThread(), () -> Optional.of(STUCK), this::close);

    watchdog.fire();
    boolean interrupted = Thread.currentThread().isInterrupted();
    Optional<Watchdog.Stop> outcome = watchdog.finish();

    assertThat(interrupted).as("the case's thread was interrupted").isTrue();
    assertThat(closed.await(5, TimeUnit.SECONDS)).as("what the case was blocked on was closed").isTrue();
    assertThat(outcome).contains(new Watchdog.Stop(Optional.of(STUCK)));
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt left for the next case").isFalse();
    watchdog.fire();
    assertThat(Thread.currentThread().isInterrupted()).as("a second firing after the outcome").isFalse();
    assertThat(closes).hasValue(1);
  }

  private void close() {
    closes.incrementAndGet();
    closed.countDown();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.wxchat.session;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a client has received and not yet read, in arrival order; waits are bounded, and so is what
 * it holds: at most {@link #MAX_FRAMES} frames and {@link #MAX_BYTES} per client, and
 * {@link #MAX_HELD_BYTES} across every client of the process. A full inbox makes its session stop
 * reading until frames are taken ({@link #awaitRoom}), so a flood costs neither memory nor CPU; the
 * end of the connection always fits.
 */
public final class Inbox {
  /** Frames one client holds unread (a burst case reads 1,000 in a row). */
  public static final int MAX_FRAMES = 2_000;
  /** Bytes one client holds unread, counted as Java keeps them (a slow reader catches up on ~16 MB). */
  public static final long MAX_BYTES = 24L << 20;
  /** Bytes all clients of the process hold unread: the harness's memory does not grow with the server's output. */
  public static final long MAX_HELD_BYTES = 64L << 20;

  // one budget for the whole process: 200 clients of one case, or 32 cases at once, share it
  private static final AtomicLong HELD = new AtomicLong();

  private final BlockingDeque<Received> received = new LinkedBlockingDeque<>();
  private final AtomicLong bytes = new AtomicLong();
  private boolean discarded;
  private volatile String filled; // the bound that first kept a frame out, for the verdict

  /** Called by the session as frames arrive, after {@link #awaitRoom}; false once the inbox was discarded. */
  public boolean add(Received frame) {
    long size = size(frame);
    synchronized (this) {
      if (discarded) {
        return false;
      }
      bytes.addAndGet(size);
      HELD.addAndGet(size);
      received.addLast(frame);
      return true;
    }
  }

  /**
   * Waits until a frame of {@code size} bytes fits, or the inbox is discarded; false if it waited
   * (so the session can say once that it stopped reading).
   */
  public synchronized boolean awaitRoom(long size) throws InterruptedException {
    boolean roomy = fits(size);
    if (!roomy && !discarded && filled == null) {
      filled = bound(size);
    }
    while (!discarded && !fits(size)) {
      wait(1_000); // woken by next() and discard(); the timeout re-checks the process-wide budget
    }
    return roomy;
  }

  /**
   * The bound that first made the session stop reading, as a failure names it: {@code 2,000 frames
   * unread}, {@code 24 MiB unread}, {@code 64 MiB unread by all clients}; empty if it never filled.
   */
  public Optional<String> filled() {
    return Optional.ofNullable(filled);
  }

  private String bound(long size) {
    if (received.size() >= MAX_FRAMES) {
      return String.format(Locale.ROOT, "%,d frames unread", MAX_FRAMES);
    }
    return bytes.get() + size > MAX_BYTES ? Sizes.bytes(MAX_BYTES) + " unread"
        : Sizes.bytes(MAX_HELD_BYTES) + " unread by all clients";
  }

  /** Whether a frame of {@code size} bytes would be kept now. */
  public synchronized boolean fits(long size) {
    return !discarded && received.size() < MAX_FRAMES && bytes.get() + size <= MAX_BYTES
        && HELD.get() + size <= MAX_HELD_BYTES;
  }

  /** The next unread frame or close, waiting at most {@code within}; empty if nothing came. */
  public Optional<Received> next(Duration within) throws InterruptedException {
    Received next = received.poll(within.toNanos(), TimeUnit.NANOSECONDS);
    if (next != null) {
      release(size(next));
      synchronized (this) {
        notifyAll();
      }
    }
    return Optional.ofNullable(next);
  }

  /**
   * Puts {@code frame} back in front, to be returned by the next {@link #next}; once the inbox was
   * discarded it is dropped like any later frame, so what it would hold is not counted.
   */
  public void unread(Received frame) {
    long size = size(frame);
    synchronized (this) {
      if (discarded) {
        return;
      }
      bytes.addAndGet(size);
      HELD.addAndGet(size);
      received.addFirst(frame);
    }
  }

  /** What every inbox of the process holds, in bytes as {@link #size} counts them. */
  static long held() {
    return HELD.get();
  }

  /** Gives back what it holds; later frames are not kept. Called when the session closes. */
  public void discard() {
    synchronized (this) {
      discarded = true;
      notifyAll();
    }
    for (Received frame = received.poll(); frame != null; frame = received.poll()) {
      release(size(frame));
    }
  }

  private void release(long size) {
    bytes.addAndGet(-size);
    HELD.addAndGet(-size);
  }

  /** What Java holds for a frame, near enough: two bytes a char, plus the object. */
  static long size(Received frame) {
    if (frame instanceof Received.Text text) {
      return 64 + 2L * text.text().length();
    }
    if (frame instanceof Received.Binary binary) {
      return 64 + binary.bytes().length;
    }
    return 64;
  }
}

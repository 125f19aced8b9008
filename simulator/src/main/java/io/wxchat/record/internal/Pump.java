package io.wxchat.record.internal;

import io.wxchat.scenario.WireFault;
import io.wxchat.session.internal.Frame;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Forwards the frames of one direction of one connection unchanged (the bytes as read, so masking
 * and fragmentation stay as sent), shaped by the fault in force: a reader thread parses and taps,
 * a writer thread delays, throttles and slices.
 */
final class Pump {
  /** Slices toward the server get this pause, so each leaves as its own TCP segment. */
  private static final long SLICE_PAUSE_NANOS = 200_000;
  private static final byte[] END = new byte[0];
  /** Marks the delivery that closes with 1009 once the frames queued before it are sent. */
  private static final byte[] TOO_LARGE = new byte[0];
  /** Bytes a shaped direction may hold queued; past it the reader waits, as TCP would push back. */
  static final int QUEUED_BYTES = 4 << 20;

  private final Relay relay;
  private final boolean toServer;
  private final DataInputStream in;
  private final OutputStream out;
  private final Supplier<WireFault> fault;
  private final long maxFrameBytes;
  private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
  private final Semaphore room = new Semaphore(QUEUED_BYTES);
  private long lastDue;
  /** Deliveries queued or being written; while none, an unshaped frame is written by the reader itself. */
  private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

  private record Delivery(long due, byte[] bytes, long length) {
    Delivery(long due, byte[] bytes) {
      this(due, bytes, bytes.length);
    }
  }

  Pump(Relay relay, boolean toServer, DataInputStream in, OutputStream out, Supplier<WireFault> fault,
       long maxFrameBytes) {
    this.relay = relay;
    this.maxFrameBytes = maxFrameBytes;
    this.toServer = toServer;
    this.in = in;
    this.out = out;
    this.fault = fault;
  }

  void start(String name) {
    Thread reader = new Thread(this::read, name + (toServer ? "-up" : "-down") + "-read");
    Thread writer = new Thread(this::write, name + (toServer ? "-up" : "-down") + "-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    writer.start(); // first: it only waits for the reader, and is running before any frame is read
    reader.start();
  }

  private void read() {
    try {
      while (true) {
        Frame frame = Frame.read(in, maxFrameBytes);
        long now = System.nanoTime();
        WireFault current = fault.get();
        if (current.halfOpen() || (toServer ? current.blackholeToServer() : current.blackholeToClient())) {
          continue; // swallowed on purpose: the other side never learns of it
        }
        if (!relay.countFrame()) {
          return;
        }
        long delay = (toServer ? current.latencyToServer() : current.latencyToClient()).toNanos();
        long jitter = current.jitter().toNanos();
        // recorded before it is on its way: whatever a peer has received is in the recording, also
        // when a signal ends the recorder the moment after (tapping is an in-memory append)
        relay.tap(toServer, frame, now);
        if (delay == 0 && jitter == 0 && current.bytesPerSecond() == 0 && current.slice() == 0 && pending.get() == 0) {
          try { // the common case, without a thread hand-off; order holds: nothing is queued
            out.write(frame.wire());
            out.flush(); // a no-op on a plain socket; TLS streams send here
          } catch (IOException e) {
            relay.destinationFailed(toServer, e);
            return;
          }
          continue;
        }
        if (jitter > 0) {
          delay = Math.max(0, delay + ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
        }
        long due = Math.max(now + delay, lastDue); // jitter never reorders frames
        lastDue = due;
        // a peer that floods a delayed or throttled direction is held back here, not buffered
        // without end (a frame larger than the whole room takes all of it)
        int size = Math.min(frame.wire().length, QUEUED_BYTES);
        while (!room.tryAcquire(size, 100, TimeUnit.MILLISECONDS)) {
          if (!relay.isOpen()) {
            return;
          }
        }
        pending.incrementAndGet();
        queue.add(new Delivery(due, frame.wire()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Frame.TooLarge large) { // not buffered whole: the proxy's memory is bounded too
      // the writer closes it, after whatever it still has to send: one thread writes to the destination
      pending.incrementAndGet();
      queue.add(new Delivery(lastDue, TOO_LARGE, large.length()));
    } catch (IOException ended) {
      relay.sourceEnded(toServer, ended);
    } finally {
      // however reading ends (the source's end, a drop-after, a failed write, a bug), the writer
      // learns of it: else it waits in take() for as long as the JVM lives
      pending.incrementAndGet();
      queue.add(new Delivery(0, END));
    }
  }

  private void write() {
    try {
      while (true) {
        Delivery next = queue.take();
        if (next.bytes() == END) {
          relay.destinationDone(toServer);
          return;
        }
        for (long wait = next.due() - System.nanoTime(); wait > 0; wait = next.due() - System.nanoTime()) {
          LockSupport.parkNanos(wait); // the fault's latency: this is the delay, not a wait for a condition
        }
        if (next.bytes() == TOO_LARGE) {
          relay.frameTooLarge(toServer, next.length(), maxFrameBytes);
          pending.decrementAndGet();
          continue;
        }
        send(next.bytes(), fault.get());
        room.release(Math.min(next.bytes().length, QUEUED_BYTES));
        pending.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      relay.destinationFailed(toServer, e);
    }
  }

  private void send(byte[] bytes, WireFault current) throws IOException {
    int chunk = current.slice() > 0 ? current.slice()
        : current.bytesPerSecond() > 0 ? (int) Math.max(1, Math.min(bytes.length, current.bytesPerSecond() / 20))
        : bytes.length;
    long start = System.nanoTime();
    for (int offset = 0; offset < bytes.length; offset += chunk) {
      int length = Math.min(chunk, bytes.length - offset);
      out.write(bytes, offset, length);
      out.flush();
      if (current.bytesPerSecond() > 0) {
        long due = start + (offset + length) * 1_000_000_000L / current.bytesPerSecond();
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
      } else if (toServer && current.slice() > 0 && offset + length < bytes.length) {
        // only toward the server under test: the simulated client reassembles anyway, and a pause
        // per byte of a long reply on a loaded machine would add seconds
        LockSupport.parkNanos(SLICE_PAUSE_NANOS);
      }
    }
  }
}

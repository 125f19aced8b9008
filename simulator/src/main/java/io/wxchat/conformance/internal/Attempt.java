package io.wxchat.conformance.internal;

import io.wxchat.conformance.CaseResult;
import java.util.Optional;

/**
 * One run of a case, with what the runner needs to judge it beside the others: whether the server
 * died during it, and when.
 *
 * @param alone whether it ran alone on a server started for it
 */
public record Attempt(CaseResult result, Optional<Crash> crash, boolean alone) {
  /**
   * The server process ended during the case.
   *
   * @param instance the server instance (cases on the same one saw the same crash)
   * @param exit {@code exited (code 1)}
   * @param exitNanos when it ended ({@link System#nanoTime()})
   * @param sentNanos when this case last sent something before that, or -1 if it had sent nothing
   * @param sent what it sent last: {@code a frame with reserved opcode 0x3}
   */
  public record Crash(Object instance, String exit, long exitNanos, long sentNanos, String sent) {
    /** {@code exited (code 1) 12 ms after this case sent a frame with reserved opcode 0x3}. */
    public String describe(String sender) {
      return exit + after(sender);
    }

    /** {@code  12 ms after robustness.2.2 sent a frame with reserved opcode 0x3}: the exit's time from its frame. */
    String after(String sender) {
      return sentNanos < 0 ? " before " + sender + " sent anything"
          : " " + Texts.millis(exitNanos - sentNanos) + " after " + sender + " sent " + sent;
    }
  }
}

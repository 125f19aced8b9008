package io.wxchat.conformance.internal;

/** The target lacks what a step needs (an operator driver): the case is UNIMPLEMENTED, not FAILED. */
final class Unavailable extends Exception {
  private static final long serialVersionUID = 1L;

  Unavailable(String reason) {
    super(reason, null, false, false);
  }
}

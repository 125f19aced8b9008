package io.wxchat.targets;

import java.io.IOException;

/** The target could not be reached or started at all (CLI exit code 3). */
public final class TargetUnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  public TargetUnreachableException(String message) {
    super(message);
  }

  public TargetUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}

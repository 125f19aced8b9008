package io.wxchat.targets.internal;

import io.wxchat.targets.Lease;
import io.wxchat.targets.OperatorDriver;
import java.net.URI;
import java.util.Optional;

/** A lease on a server that prints no log the simulator can see and cannot crash under its eyes. */
public final class FixedLease implements Lease {
  private final URI uri;
  private final OperatorDriver operator;
  private final Runnable onOperated;
  private final Runnable onClose;

  public FixedLease(URI uri, OperatorDriver operator, Runnable onOperated, Runnable onClose) {
    this.uri = uri;
    this.operator = operator;
    this.onOperated = onOperated;
    this.onClose = onClose;
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public Optional<OperatorDriver> operator() {
    return Optional.ofNullable(operator);
  }

  @Override
  public void markOperated() {
    onOperated.run();
  }

  @Override
  public String log() {
    return "";
  }

  @Override
  public Optional<String> crash() {
    return Optional.empty();
  }

  @Override
  public void close() {
    onClose.run();
  }
}

package io.wxchat.conformance.internal;

import io.wxchat.scenario.Step;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import io.wxchat.session.Transcript;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code tcp} steps of one case: connections that write their bytes and then only stay open, so
 * that the server holds a handshake that never completes, or bytes that are not HTTP, while the case's
 * other clients are served (R3). They close when the case ends.
 */
final class HeldConnections implements AutoCloseable {
  private final URI target;
  private final Transcript transcript;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  HeldConnections(URI target, Transcript transcript) {
    this.target = target;
    this.transcript = transcript;
  }

  void open(Step.Tcp t, String name) throws StepFailure {
    if ("wss".equalsIgnoreCase(target.getScheme())) {
      throw StepFailure.cannotRun("cannot run: tcp writes plain bytes and speaks to ws:// targets only");
    }
    byte[] bytes = t.bytes();
    Socket socket = new Socket();
    held.add(socket);
    try {
      socket.connect(new InetSocketAddress(target.getHost(), target.getPort() < 0 ? 80 : target.getPort()), 5_000);
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw StepFailure.of("tcp " + name + " could not write its " + bytes.length + " bytes: " + e.getMessage());
    }
    transcript.record(name, Direction.OUT, Kind.RAW, Texts.shorten(t.text() != null ? t.text() : t.raw())
        + " (" + bytes.length + " bytes, then the connection stays open and unread)", 0);
  }

  @Override
  public void close() {
    for (Socket socket : held) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    held.clear();
  }
}

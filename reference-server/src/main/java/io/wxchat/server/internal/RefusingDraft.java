package io.wxchat.server.internal;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.enums.HandshakeState;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * RFC 6455 with a frame-size limit (1009 past it) that can also answer a handshake with an HTTP
 * error. Java-WebSocket alone can only refuse with 404 or 500; this draft lets the server say 401
 * or 503 with a reason. Every incoming byte passes its {@link FrameGuard} before the library decodes
 * it. One instance serves one connection (see {@link #copyInstance()}).
 */
final class RefusingDraft extends Draft_6455 {
  private final FrameGuard guard;
  private Refusal refusal;
  private boolean fragmented;

  RefusingDraft(int maxFrameBytes) {
    super(List.of(), maxFrameBytes);
    this.guard = new FrameGuard(maxFrameBytes);
  }

  /**
   * Draft_6455 takes any request with a key and version 13 as an upgrade, even one without
   * {@code Upgrade: websocket} or asking for {@code Upgrade: h2c}; rule T2 answers those with 404,
   * which the library sends for a request no draft matches.
   */
  @Override
  public HandshakeState acceptHandshakeAsServer(ClientHandshake request) throws InvalidHandshakeException {
    return basicAccept(request) ? super.acceptHandshakeAsServer(request) : HandshakeState.NOT_MATCHED;
  }

  @Override
  public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
    guard.inspect(buffer);
    return super.translateFrame(buffer);
  }

  /**
   * A whole text message in one frame, what chat clients send, is turned into a string here. The
   * library validated its UTF-8 when it translated the frame ({@code TextFrame.isValid}) and would
   * decode it again with a new {@code CharsetDecoder}; {@link TextPayload} gives the same text for
   * valid input at less cost. Fragments, binary and control frames go to the library.
   */
  @Override
  public void processFrame(WebSocketImpl socket, Framedata frame) throws InvalidDataException {
    Opcode opcode = frame.getOpcode();
    ByteBuffer payload = frame.getPayloadData();
    if (opcode == Opcode.TEXT && frame.isFin() && !fragmented && payload.hasArray()) {
      String text = TextPayload.decode(payload);
      try {
        socket.getWebSocketListener().onWebsocketMessage(socket, text);
      } catch (RuntimeException e) {
        socket.getWebSocketListener().onWebsocketError(socket, e);
      }
      return;
    }
    if ((opcode == Opcode.TEXT || opcode == Opcode.BINARY) && !frame.isFin()) {
      fragmented = true;
    } else if (opcode == Opcode.CONTINUOUS && frame.isFin()) {
      fragmented = false;
    }
    super.processFrame(socket, frame);
  }

  @Override
  public void reset() {
    super.reset();
    guard.reset();
    fragmented = false;
  }

  void refuse(Refusal refusal) {
    this.refusal = refusal;
  }

  @Override
  public List<ByteBuffer> createHandshake(Handshakedata handshake, boolean withContent) {
    if (refusal != null && handshake instanceof ServerHandshake) {
      return List.of(ByteBuffer.wrap(refusal.toHttpResponse()));
    }
    return super.createHandshake(handshake, withContent);
  }

  @Override
  public Draft copyInstance() {
    return new RefusingDraft(getMaxFrameSize());
  }
}

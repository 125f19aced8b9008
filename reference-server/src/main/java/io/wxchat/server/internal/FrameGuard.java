package io.wxchat.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.CloseFrame;

/**
 * Reads the frame headers of one connection's incoming bytes before Java-WebSocket decodes them,
 * and rejects what the library (1.6.0) lets through or mishandles:
 * <ul>
 *   <li>unmasked client frames (RFC 6455 5.1): 1002;</li>
 *   <li>a fragmented message past the message limit, counted as each fragment header arrives: 1009
 *       (the library only checks each frame, and buffers any number of fragments);</li>
 *   <li>a message of more than {@link #MAX_FRAGMENTS} fragments, empty ones included: 1008;</li>
 *   <li>more than {@link #MAX_PINGS_PER_SECOND} pings in a second (each ping queues a pong): 1008;</li>
 *   <li>a close frame whose reason is not UTF-8: 1007 (the library throws a NullPointerException).</li>
 * </ul>
 * Payloads are skipped, never copied, except the at most 125 bytes of a close frame.
 */
final class FrameGuard {
  static final int MAX_FRAGMENTS = 1024;
  static final int MAX_PINGS_PER_SECOND = 20;
  private static final int CLOSE = 8;
  private static final int PING = 9;

  private final int maxMessageBytes;
  private final byte[] header = new byte[14];
  private int headerRead;
  private long payloadLeft;
  private byte[] closePayload;
  private int closeRead;
  private byte[] mask;
  private boolean inMessage;
  private long messageBytes;
  private int fragments;
  private long pingWindowStart;
  private int pingsInWindow;

  FrameGuard(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Inspects {@code bytes} from its position to its limit without moving either. */
  void inspect(ByteBuffer bytes) throws InvalidDataException {
    int at = bytes.position();
    int end = bytes.limit();
    while (at < end) {
      if (payloadLeft > 0) {
        int take = (int) Math.min(payloadLeft, end - at);
        if (closePayload != null) {
          for (int i = 0; i < take; i++, closeRead++) {
            closePayload[closeRead] = (byte) (bytes.get(at + i) ^ mask[closeRead % 4]);
          }
        }
        at += take;
        payloadLeft -= take;
        if (payloadLeft == 0 && closePayload != null) {
          checkCloseReason();
        }
        continue;
      }
      header[headerRead++] = bytes.get(at++);
      if (headerRead >= 2 && headerRead == headerLength()) {
        frameStarts();
        headerRead = 0;
        if (payloadLeft == 0 && closePayload != null) {
          checkCloseReason();
        }
      }
    }
  }

  void reset() {
    headerRead = 0;
    payloadLeft = 0;
    closePayload = null;
    inMessage = false;
  }

  private int headerLength() {
    int length = header[1] & 0x7f;
    int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    return 2 + extended + ((header[1] & 0x80) != 0 ? 4 : 0);
  }

  private void frameStarts() throws InvalidDataException {
    boolean fin = (header[0] & 0x80) != 0;
    int opcode = header[0] & 0x0f;
    boolean masked = (header[1] & 0x80) != 0;
    if (!masked) {
      throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR, "client frames must be masked (RFC 6455 5.1)");
    }
    long length = header[1] & 0x7f;
    int maskAt = 2;
    if (length == 126) {
      length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
      maskAt = 4;
    } else if (length == 127) {
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = (length << 8) | (header[i] & 0xff);
      }
      maskAt = 10;
    }
    if (length < 0) {
      throw new LimitExceededException("frame length out of range", maxMessageBytes);
    }
    payloadLeft = length;
    closePayload = null;
    if (opcode == CLOSE && length <= 125) {
      closePayload = new byte[(int) length];
      closeRead = 0;
      mask = new byte[] {header[maskAt], header[maskAt + 1], header[maskAt + 2], header[maskAt + 3]};
    } else if (opcode == PING) {
      countPing();
    } else if (opcode == 1 || opcode == 2) {
      inMessage = !fin;
      messageBytes = length;
      fragments = 1;
    } else if (opcode == 0 && inMessage) {
      messageBytes += length;
      fragments++;
      if (messageBytes > maxMessageBytes) {
        throw new LimitExceededException("fragmented message over " + maxMessageBytes + " bytes", maxMessageBytes);
      }
      if (fragments > MAX_FRAGMENTS) {
        throw new InvalidDataException(CloseFrame.POLICY_VALIDATION,
            "message of more than " + MAX_FRAGMENTS + " fragments");
      }
      inMessage = !fin;
    }
  }

  private void countPing() throws InvalidDataException {
    long now = System.nanoTime();
    if (now - pingWindowStart > TimeUnit.SECONDS.toNanos(1)) {
      pingWindowStart = now;
      pingsInWindow = 0;
    }
    if (++pingsInWindow > MAX_PINGS_PER_SECOND) {
      throw new InvalidDataException(CloseFrame.POLICY_VALIDATION,
          "more than " + MAX_PINGS_PER_SECOND + " pings in a second");
    }
  }

  private void checkCloseReason() throws InvalidDataException {
    byte[] payload = closePayload;
    closePayload = null;
    if (payload.length <= 2) {
      return;
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload, 2, payload.length - 2));
    } catch (CharacterCodingException e) {
      throw new InvalidDataException(CloseFrame.NO_UTF8, "close reason is not UTF-8");
    }
  }
}

package io.wxchat.conformance.internal;

import io.wxchat.session.RecordedEvent;
import io.wxchat.session.internal.FrameCodec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** What a client sent, in the words of a crash report: {@code a frame with reserved opcode 0x3}. */
final class SentFrame {
  /** How long before its exit is noticed a close the server began counts as its dying. */
  static final long DYING_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final java.util.regex.Pattern CUT =
      java.util.regex.Pattern.compile("\\.\\.\\. \\((\\d+) chars in all\\)$");

  private SentFrame() {
  }

  /**
   * The frame that was last to reach a server that died at {@code exitNanos} (both relative to the
   * transcript's start), or empty if the case had sent nothing by then. A dying server closes
   * connections a moment before its exit is noticed (node's {@code ws} sends 1007 or 1002, then throws;
   * its sockets drop), and the case may send again in between: a close it did not ask for in
   * that moment marks the death, and only frames before it count.
   */
  static Optional<RecordedEvent> lastBeforeDeath(List<RecordedEvent> events, long exitNanos) {
    long died = exitNanos;
    Set<String> closing = new HashSet<>();
    for (RecordedEvent event : events) {
      if (event.kind() == RecordedEvent.Kind.CLOSE && event.direction() == RecordedEvent.Direction.OUT) {
        closing.add(event.client());
      } else if (event.kind() == RecordedEvent.Kind.CLOSE && event.direction() == RecordedEvent.Direction.IN
          && !closing.contains(event.client()) && event.nanos() <= exitNanos
          && exitNanos - event.nanos() <= DYING_NANOS) {
        died = Math.min(died, event.nanos());
      }
    }
    RecordedEvent last = null;
    for (RecordedEvent event : events) {
      if (event.direction() == RecordedEvent.Direction.OUT && event.nanos() < died) {
        last = event;
      }
    }
    return Optional.ofNullable(last);
  }

  static String describe(RecordedEvent out) {
    return switch (out.kind()) {
      case TEXT -> out.payload().isEmpty() ? "an empty text" : text(out.payload());
      case BINARY -> "a binary frame of " + bytes(out.payload()).length + " bytes";
      case RAW -> raw(bytes(out.payload()));
      case CLOSE -> out.code() == 1006 ? "an abrupt disconnect" : "a close frame (" + out.code() + ")";
      case HTTP -> "a plain HTTP request";
      default -> "its last frame";
    };
  }

  // a long payload is kept cut in the transcript, with its length in characters
  private static String text(String payload) {
    java.util.regex.Matcher cut = CUT.matcher(payload);
    return cut.find() ? "a text of " + cut.group(1) + " characters"
        : "a text of " + payload.getBytes(StandardCharsets.UTF_8).length + " bytes";
  }

  private static byte[] bytes(String hex) {
    try {
      return HexFormat.of().parseHex(hex.replace(" ", ""));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  // read as the clients write them: one codec (FrameCodec) for every frame the harness builds or reads
  private static String raw(byte[] frame) {
    FrameCodec.Header header;
    byte[] payload;
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
      header = FrameCodec.readHeader(in);
      payload = in.readNBytes((int) Math.min(header.length(), frame.length)); // as far as it was sent
      FrameCodec.unmask(payload, payload.length, header.mask(), 0);
    } catch (IOException cut) {
      return "raw bytes that are no whole frame header (" + frame.length + " bytes)";
    }
    int opcode = header.opcode();
    if (header.reserved() != 0) {
      return "a frame with reserved bits set (RSV " + Integer.toBinaryString(header.reserved()) + ")";
    }
    if ((opcode >= 0x3 && opcode <= 0x7) || opcode >= 0xB) {
      return "a frame with reserved opcode 0x" + Integer.toHexString(opcode);
    }
    if (opcode == FrameCodec.TEXT && !utf8(payload)) {
      return "a text frame that is not valid UTF-8";
    }
    if (opcode == FrameCodec.TEXT && payload.length == 0) {
      return "an empty text frame";
    }
    return "a raw frame with opcode 0x" + Integer.toHexString(opcode) + " (" + frame.length + " bytes)";
  }

  private static boolean utf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}

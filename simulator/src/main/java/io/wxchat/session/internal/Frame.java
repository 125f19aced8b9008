package io.wxchat.session.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One whole RFC 6455 frame as it crossed the wire, for a proxy that forwards it unchanged and
 * records it: {@code Frame f = Frame.read(in, 64 << 20)}. The framing itself is {@link FrameCodec}'s.
 *
 * @param fin the final fragment of its message
 * @param opcode 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong
 * @param payload the unmasked payload
 * @param wire the frame's bytes as read (header, mask and masked payload)
 */
public record Frame(boolean fin, int opcode, byte[] payload, byte[] wire) {
  public static final int CONTINUATION = FrameCodec.CONTINUATION;
  public static final int TEXT = FrameCodec.TEXT;
  public static final int BINARY = FrameCodec.BINARY;
  public static final int CLOSE = FrameCodec.CLOSE;
  public static final int PING = FrameCodec.PING;
  public static final int PONG = FrameCodec.PONG;

  /** A frame whose payload is over the reader's bound: only its header was read. */
  public static final class TooLarge extends IOException {
    private final long length;

    TooLarge(long length, long max) {
      super("frame of " + length + " bytes is larger than " + max);
      this.length = length;
    }

    public long length() {
      return length;
    }
  }

  /** Reads the next frame whole; end of stream is an {@link java.io.EOFException}; past {@code maxPayload}, {@link TooLarge}. */
  public static Frame read(DataInputStream in, long maxPayload) throws IOException {
    FrameCodec.Header header = FrameCodec.readHeader(in);
    if (header.length() > maxPayload) {
      throw new TooLarge(header.length(), maxPayload);
    }
    byte[] wire = new byte[header.bytes().length + (int) header.length()];
    System.arraycopy(header.bytes(), 0, wire, 0, header.bytes().length);
    in.readFully(wire, header.bytes().length, (int) header.length());
    byte[] payload = java.util.Arrays.copyOfRange(wire, header.bytes().length, wire.length);
    FrameCodec.unmask(payload, payload.length, header.mask(), 0);
    return new Frame(header.fin(), header.opcode(), payload, wire);
  }

  /** A final frame; {@code masked} as a client must send it, unmasked as a server does. */
  public static Frame of(int opcode, byte[] payload, boolean masked) {
    return new Frame(true, opcode, payload.clone(), FrameCodec.encode(opcode, payload, masked));
  }

  /** The close code of a close frame (1005 when it carries none). */
  public int closeCode() {
    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
  }

  /** The close reason of a close frame. */
  public String closeReason() {
    return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
  }

  public boolean isControl() {
    return (opcode & 0x8) != 0;
  }
}

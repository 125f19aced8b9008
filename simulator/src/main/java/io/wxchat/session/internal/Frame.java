package io.wxchat.session.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * One RFC 6455 frame as it crossed the wire: the decoded fields and the exact bytes, so a proxy can
 * forward it unchanged and a client can read it: {@code Frame f = Frame.read(in, 64 << 20)}.
 *
 * @param fin the final fragment of its message
 * @param opcode 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong
 * @param payload the unmasked payload
 * @param wire the frame's bytes as read (header, mask and masked payload)
 */
public record Frame(boolean fin, int opcode, byte[] payload, byte[] wire) {
  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads the next frame; end of stream is an {@link java.io.EOFException}. */
  public static Frame read(DataInputStream in, long maxPayload) throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.write(first);
    wire.write(second);
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
      wire.write((int) (length >>> 8));
      wire.write((int) length & 0xff);
    } else if (length == 127) {
      length = in.readLong();
      for (int shift = 56; shift >= 0; shift -= 8) {
        wire.write((int) (length >>> shift) & 0xff);
      }
    }
    if (length < 0 || length > maxPayload) {
      throw new IOException("frame of " + length + " bytes is larger than " + maxPayload);
    }
    byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
    if (mask != null) {
      wire.writeBytes(mask);
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    wire.writeBytes(payload);
    if (mask != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
    }
    return new Frame((first & 0x80) != 0, first & 0x0f, payload, wire.toByteArray());
  }

  /** A final frame; {@code masked} as a client must send it, unmasked as a server does. */
  public static Frame of(int opcode, byte[] payload, boolean masked) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    int maskBit = masked ? 0x80 : 0;
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(maskBit | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(maskBit | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    if (!masked) {
      frame.writeBytes(payload);
    } else {
      byte[] mask = new byte[4];
      RANDOM.nextBytes(mask);
      frame.writeBytes(mask);
      for (int i = 0; i < payload.length; i++) {
        frame.write(payload[i] ^ mask[i % 4]);
      }
    }
    return new Frame(true, opcode, payload.clone(), frame.toByteArray());
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

package io.wxchat.session.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * RFC 6455 framing, the simulator's one implementation: a frame's header is read on its own, so a
 * caller decides how much of a payload to keep before reading it (a 100 MB frame is never buffered).
 *
 * <pre>{@code
 * FrameCodec.Header header = FrameCodec.readHeader(in);           // opcode, length, mask
 * byte[] frame = FrameCodec.encode(FrameCodec.TEXT, bytes, true); // a masked client frame
 * }</pre>
 */
public final class FrameCodec {
  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  private static final SecureRandom RANDOM = new SecureRandom();

  private FrameCodec() {
  }

  /**
   * A frame's header.
   *
   * @param first the first byte as sent: FIN, RSV1-3, opcode
   * @param length the payload length the frame announces (up to 2^63 - 1)
   * @param mask the masking key, or null for an unmasked frame
   * @param bytes the header exactly as it crossed the wire (a proxy forwards these, not a re-encoding)
   */
  public record Header(int first, long length, byte[] mask, byte[] bytes) {
    public boolean fin() {
      return (first & 0x80) != 0;
    }

    public int opcode() {
      return first & 0x0f;
    }

    /** RSV1-3 as a number 0-7; non-zero without a negotiated extension breaks RFC 6455 §5.2. */
    public int reserved() {
      return (first >>> 4) & 0x07;
    }

    public boolean control() {
      return (opcode() & 0x08) != 0;
    }
  }

  /** Reads the next frame's header (2 to 14 bytes); the payload is left in {@code in}. */
  public static Header readHeader(DataInputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(14);
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    bytes.write(first);
    bytes.write(second);
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
      bytes.write((int) (length >>> 8));
      bytes.write((int) length & 0xff);
    } else if (length == 127) {
      length = in.readLong();
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes.write((int) (length >>> shift) & 0xff);
      }
      if (length < 0) {
        throw new IOException("a frame announced a negative length (the 64-bit length's top bit is set)");
      }
    }
    byte[] mask = null;
    if ((second & 0x80) != 0) {
      mask = new byte[4];
      in.readFully(mask);
      bytes.writeBytes(mask);
    }
    return new Header(first, length, mask, bytes.toByteArray());
  }

  /** Unmasks (or masks) {@code bytes} in place, {@code offset} bytes into the payload. */
  public static void unmask(byte[] bytes, int count, byte[] mask, long offset) {
    if (mask == null) {
      return;
    }
    for (int i = 0; i < count; i++) {
      bytes[i] ^= mask[(int) ((offset + i) & 3)];
    }
  }

  /** One whole frame with FIN set; {@code masked}: with a fresh random key, as a client must send. */
  public static byte[] encode(int opcode, byte[] payload, boolean masked) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x80 | opcode);
    int maskBit = masked ? 0x80 : 0;
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
      return frame.toByteArray();
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.writeBytes(mask);
    byte[] body = payload.clone();
    unmask(body, body.length, mask, 0);
    frame.writeBytes(body);
    return frame.toByteArray();
  }

  /** A close frame's payload: the code, then the reason in UTF-8. */
  public static byte[] closePayload(int code, String reason) {
    byte[] text = reason == null ? new byte[0] : reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    return payload;
  }
}

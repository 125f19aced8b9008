package io.wxchat.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One server-to-client text frame, encoded once: header and UTF-8 payload in a single array, ready
 * for the socket. An operator push is encoded once and the same bytes are queued for every client
 * ({@link #forSocket()} gives each its own position); Java-WebSocket's {@code send(String)} encodes
 * the text, validates it, and copies it into a new frame for each client.
 *
 * <p>JSON is written here directly as UTF-8, escaped as Jackson escapes by default ({@code \"},
 * {@code \\}, {@code \b \t \n \f \r}, other control characters as six-character {@code u00XX} escapes; all else,
 * CJK included, as is), so the frame costs one allocation and no intermediate string.
 */
public final class EncodedFrame {
  private static final int TEXT_FIN = 0x81;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private final ByteBuffer bytes;

  private EncodedFrame(byte[] frame) {
    this.bytes = ByteBuffer.wrap(frame);
  }

  /** The frame of a text that is already what goes on the wire (e.g. an operator acknowledgement). */
  static EncodedFrame text(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[headerLength(payload.length) + payload.length];
    int at = writeHeader(frame, payload.length);
    System.arraycopy(payload, 0, frame, at, payload.length);
    return new EncodedFrame(frame);
  }

  /**
   * {@code {"<key1>":"<value1>","<key2>":"<value2>"}}, the shape of every chat reply, from a
   * {@link Template} of the fixed parts (encoded once) and the two values.
   */
  static EncodedFrame jsonObject(Template template, String value1, String value2) {
    int length = template.head.length + jsonLength(value1) + template.middle.length + jsonLength(value2) + 2;
    byte[] frame = new byte[headerLength(length) + length];
    int at = writeHeader(frame, length);
    System.arraycopy(template.head, 0, frame, at, template.head.length);
    at = writeJson(value1, frame, at + template.head.length);
    System.arraycopy(template.middle, 0, frame, at, template.middle.length);
    at = writeJson(value2, frame, at + template.middle.length);
    frame[at++] = '"';
    frame[at++] = '}';
    assert at == frame.length;
    return new EncodedFrame(frame);
  }

  /**
   * The fixed parts of {@code {"<key1>":"<prefix><value1>","<key2>":"<value2>"}}, encoded once:
   * {@code {"key1":"prefix} and {@code ","key2":"}.
   */
  static final class Template {
    private final byte[] head;
    private final byte[] middle;

    Template(String key1, String prefix, String key2) {
      this.head = json("{\"", key1, "\":\"", prefix);
      this.middle = json("\",\"", key2, "\":\"", "");
    }

    /** Raw JSON punctuation and two strings escaped, one after the other. */
    private static byte[] json(String open, String key, String close, String value) {
      byte[] bytes = new byte[open.length() + jsonLength(key) + close.length() + jsonLength(value)];
      int at = writeAscii(open, bytes, 0);
      at = writeJson(key, bytes, at);
      at = writeAscii(close, bytes, at);
      writeJson(value, bytes, at);
      return bytes;
    }

    private static int writeAscii(String s, byte[] out, int at) {
      for (int i = 0; i < s.length(); i++) {
        out[at++] = (byte) s.charAt(i);
      }
      return at;
    }
  }

  /** A view of the frame for one socket's queue: shares the bytes, has its own position. */
  ByteBuffer forSocket() {
    return bytes.duplicate();
  }

  /**
   * A view for one of many clients of the same frame (an operator push): read-only, which is how
   * {@link OutgoingBound} tells bytes shared with others from bytes a client holds alone.
   */
  ByteBuffer sharedView() {
    return bytes.asReadOnlyBuffer();
  }

  /** Header and payload, in bytes. */
  public int length() {
    return bytes.limit();
  }

  /** The payload as text (for tests and logs). */
  public String payloadText() {
    byte[] frame = bytes.array();
    int at = headerLength(frame);
    return new String(frame, at, frame.length - at, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return payloadText();
  }

  private static int headerLength(int payloadLength) {
    return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
  }

  private static int headerLength(byte[] frame) {
    int length = frame[1] & 0x7f;
    return length <= 125 ? 2 : length == 126 ? 4 : 10;
  }

  /** FIN, opcode 1, unmasked (server to client), and the payload length; returns where the payload starts. */
  private static int writeHeader(byte[] frame, int payloadLength) {
    frame[0] = (byte) TEXT_FIN;
    if (payloadLength <= 125) {
      frame[1] = (byte) payloadLength;
      return 2;
    }
    if (payloadLength <= 0xFFFF) {
      frame[1] = 126;
      frame[2] = (byte) (payloadLength >>> 8);
      frame[3] = (byte) payloadLength;
      return 4;
    }
    frame[1] = 127;
    for (int i = 0; i < 8; i++) {
      frame[2 + i] = (byte) ((long) payloadLength >>> (56 - 8 * i));
    }
    return 10;
  }

  /** Bytes of {@code s} as the inside of a JSON string in UTF-8; a lone surrogate becomes {@code ?}. */
  private static int jsonLength(String s) {
    int length = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length += c >= 0x20 ? (c == '"' || c == '\\' ? 2 : 1) : (shortEscape(c) != 0 ? 2 : 6);
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        length += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        length += 1;
      } else {
        length += 3;
      }
    }
    return length;
  }

  private static int writeJson(String s, byte[] out, int at) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          out[at++] = (byte) c;
        } else {
          out[at++] = '\\';
          char escape = c == '"' || c == '\\' ? c : shortEscape(c);
          if (escape != 0) {
            out[at++] = (byte) escape;
          } else {
            out[at++] = 'u';
            out[at++] = '0';
            out[at++] = '0';
            out[at++] = HEX[c >> 4];
            out[at++] = HEX[c & 0xF];
          }
        }
      } else if (c < 0x800) {
        out[at++] = (byte) (0xC0 | (c >> 6));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[at++] = (byte) (0xF0 | (cp >> 18));
        out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        out[at++] = '?'; // what String.getBytes(UTF_8) writes for it
      } else {
        out[at++] = (byte) (0xE0 | (c >> 12));
        out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return at;
  }

  private static char shortEscape(char c) {
    return switch (c) {
      case '\b' -> 'b';
      case '\t' -> 't';
      case '\n' -> 'n';
      case '\f' -> 'f';
      case '\r' -> 'r';
      default -> 0;
    };
  }
}

package io.wxchat.server.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the payload of a text frame (UTF-8 the library has already validated) into a string at
 * little cost in garbage. {@code new String(bytes, UTF_8)} is the fastest way for a short text, but
 * for one that is not ASCII it allocates three times the payload on the way (a Latin-1 attempt, a
 * UTF-16 array sized for the worst case, then a trimmed copy): 220 KB for a 60 KB line of Chinese.
 * A long text is decoded instead into a char buffer this thread keeps, and only the string itself
 * is new. Under a flood of long lines that is what keeps the server's garbage, and with it how far
 * the JVM grows its heap, down.
 */
final class TextPayload {
  /** Shorter payloads take {@code new String}: chat texts, where speed is all that counts. */
  static final int LONG_TEXT_BYTES = 4 * 1024;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private TextPayload() {
  }

  static String decode(ByteBuffer payload) {
    if (payload.remaining() < LONG_TEXT_BYTES || !payload.hasArray()) {
      return shortText(payload);
    }
    return SCRATCH.get().decode(payload);
  }

  private static String shortText(ByteBuffer payload) {
    if (payload.hasArray()) {
      return new String(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(),
          StandardCharsets.UTF_8);
    }
    return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
  }

  /** One thread's decoder and the chars it decodes into, grown to the longest text it has seen. */
  private static final class Scratch {
    // REPLACE, as new String does; the library has rejected invalid UTF-8 before a text gets here
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private CharBuffer chars = CharBuffer.allocate(0);

    String decode(ByteBuffer payload) {
      // UTF-8 never has more chars than bytes; the message limit bounds the bytes
      if (chars.capacity() < payload.remaining()) {
        chars = CharBuffer.allocate(payload.remaining());
      }
      chars.clear();
      decoder.reset();
      decoder.decode(payload.duplicate(), chars, true);
      decoder.flush(chars);
      return chars.flip().toString();
    }
  }
}

package closedloop;

import java.util.concurrent.ThreadLocalRandom;

/** Client-to-server frames of RFC 6455: final, masked, one allocation each. */
final class Frame {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private Frame() {
  }

  /** The bytes of one masked frame carrying {@code data[offset, offset + length)}. */
  static byte[] masked(int opcode, byte[] data, int offset, int length) {
    int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    byte[] frame = new byte[header + 4 + length];
    frame[0] = (byte) (0x80 | opcode);
    if (header == 2) {
      frame[1] = (byte) (0x80 | length);
    } else if (header == 4) {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (length >>> 8);
      frame[3] = (byte) length;
    } else {
      frame[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
      }
    }
    int mask = ThreadLocalRandom.current().nextInt();
    for (int i = 0; i < 4; i++) {
      frame[header + i] = (byte) (mask >>> (24 - 8 * i));
    }
    for (int i = 0; i < length; i++) {
      frame[header + 4 + i] = (byte) (data[offset + i] ^ frame[header + (i & 3)]);
    }
    return frame;
  }
}

package io.wxchat.session.internal;

import io.wxchat.session.Inbox;
import io.wxchat.session.Received;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import io.wxchat.session.Sizes;
import io.wxchat.session.Transcript;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's reader thread: frames from the server into the inbox and the transcript. A frame or
 * message larger than {@code maxFrame} is not read into memory: its size and first bytes are
 * recorded and the client closes the connection with 1009, as a client with a message limit does.
 */
final class FrameReader {
  /** docs/PROTOCOL.md R2: the protocol's frames are at most 64 KiB. */
  static final long PROTOCOL_MAX_FRAME = 64 * 1024;
  private static final int FIRST_BYTES = 32;
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  private final RawSession session;
  private final DataInputStream in;
  private final long maxFrame;
  private final Inbox inbox;
  private final Transcript transcript;
  private final String name;
  private final ReentrantLock gate = new ReentrantLock();
  private final Condition resumed = gate.newCondition();
  private boolean paused;
  private boolean ended;
  private boolean warnedFull;

  FrameReader(RawSession session, DataInputStream in, long maxFrame) {
    this.session = session;
    this.in = in;
    this.maxFrame = maxFrame;
    this.inbox = session.inbox();
    this.transcript = session.transcript();
    this.name = session.clientName();
  }

  void run() {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int messageOpcode = -1;
    try {
      while (true) {
        awaitNotPaused();
        FrameCodec.Header header = FrameCodec.readHeader(in);
        int opcode = header.opcode();
        if (header.mask() != null) {
          fail(1002, "the server masked a frame (RFC 6455 §5.1: a client must close the connection)");
          return;
        }
        if (header.reserved() != 0) {
          fail(1002, "the server set reserved bits RSV" + header.reserved() + " without a negotiated extension");
          return;
        }
        if ((opcode > FrameCodec.BINARY && opcode < FrameCodec.CLOSE) || opcode > FrameCodec.PONG) {
          fail(1002, String.format("the server sent a frame with reserved opcode 0x%x", opcode));
          return;
        }
        if (header.control() && (header.length() > 125 || !header.fin())) {
          fail(1002, "the server sent a " + (header.fin() ? header.length() + "-byte" : "fragmented")
              + " control frame (RFC 6455 §5.5: at most 125 bytes, never fragmented)");
          return;
        }
        long total = header.control() ? header.length() : message.size() + header.length();
        if (total > maxFrame) {
          oversized(header, message.size());
          return;
        }
        if (!header.control()) {
          if (opcode == FrameCodec.CONTINUATION && messageOpcode < 0) {
            fail(1002, "the server sent a continuation frame with no message to continue");
            return;
          }
          if (opcode != FrameCodec.CONTINUATION && messageOpcode >= 0) {
            fail(1002, "the server started a new message inside a fragmented one");
            return;
          }
          if (opcode != FrameCodec.CONTINUATION) {
            messageOpcode = opcode;
          }
          if (!inbox.awaitRoom(2 * (message.size() + header.length())) && !warnedFull) {
            warnedFull = true;
            transcript.record(name, Direction.INFO, Kind.ERROR, "inbox full: " + name + " holds at most "
                + Inbox.MAX_FRAMES + " unread frames or " + Sizes.bytes(Inbox.MAX_BYTES) + " (all clients "
                + Sizes.bytes(Inbox.MAX_HELD_BYTES) + "); it stopped reading until frames were taken", 0);
          }
        }
        byte[] payload = in.readNBytes((int) header.length());
        if (payload.length < header.length()) {
          throw new EOFException("the connection ended inside a frame");
        }
        long at = System.nanoTime();
        if (opcode == FrameCodec.CLOSE) {
          closed(payload, at);
          return;
        }
        if (opcode == FrameCodec.PING) {
          session.writeFrame(FrameCodec.PONG, payload);
          continue;
        }
        if (opcode == FrameCodec.PONG) {
          continue;
        }
        message.write(payload);
        if (header.fin()) {
          byte[] whole = message.toByteArray();
          message.reset();
          boolean text = messageOpcode == FrameCodec.TEXT;
          messageOpcode = -1;
          if (!deliver(whole, text, at)) {
            return;
          }
        }
      }
    } catch (EOFException | SocketException ended) {
      lost(ended.getMessage());
    } catch (IOException e) {
      lost(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean deliver(byte[] whole, boolean text, long at) throws IOException {
    if (!text) {
      transcript.recordAt(at, name, Direction.IN, Kind.BINARY, HEX.formatHex(whole, 0,
          Math.min(whole.length, Transcript.MAX_PAYLOAD_CHARS / 3)) + (whole.length * 3 > Transcript.MAX_PAYLOAD_CHARS
          ? "... (" + whole.length + " bytes in all)" : ""), 0);
      inbox.add(new Received.Binary(whole, at));
      return true;
    }
    String decoded;
    try {
      decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(whole)).toString();
    } catch (CharacterCodingException invalid) {
      transcript.recordAt(at, name, Direction.IN, Kind.TEXT, new String(whole, StandardCharsets.UTF_8), 0);
      fail(1007, "the server sent invalid UTF-8 in a text frame (RFC 6455 §8.1: the client fails the connection)");
      return false;
    }
    transcript.recordAt(at, name, Direction.IN, Kind.TEXT, decoded, 0);
    inbox.add(new Received.Text(decoded, at));
    return true;
  }

  private void oversized(FrameCodec.Header header, long before) throws IOException {
    byte[] first = in.readNBytes((int) Math.min(FIRST_BYTES, header.length()));
    long size = before + header.length();
    String kind = header.opcode() == FrameCodec.TEXT ? "text" : header.opcode() == FrameCodec.BINARY ? "binary"
        : header.opcode() == FrameCodec.CONTINUATION ? "continuation" : String.format("0x%x", header.opcode());
    transcript.record(name, Direction.IN, header.opcode() == FrameCodec.BINARY ? Kind.BINARY : Kind.TEXT,
        "[" + kind + " frame of " + size + " bytes, not kept; the first " + first.length + ": " + HEX.formatHex(first)
            + (first.length > 0 && header.opcode() != FrameCodec.BINARY
            ? " = \"" + new String(first, StandardCharsets.UTF_8) + "...\"" : "") + "]", 0);
    fail(1009, "a " + Sizes.bytes(size) + " " + (before > 0 ? "message" : "frame") + " arrived; frames are at most "
        + Sizes.bytes(PROTOCOL_MAX_FRAME) + " in this protocol (the client keeps at most " + Sizes.bytes(maxFrame)
        + ": --max-frame)");
  }

  private void closed(byte[] payload, long at) {
    int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
    transcript.recordAt(at, name, Direction.IN, Kind.CLOSE, reason, code);
    if (!session.closeSent()) {
      session.writeFrame(FrameCodec.CLOSE, code == 1005 ? new byte[0] : FrameCodec.closePayload(code, ""));
    }
    ended(new Received.Closed(code, reason, at));
    session.closeSocket();
  }

  /** The client fails the connection: a close frame with {@code code}, the reason in the inbox. */
  private void fail(int code, String why) {
    transcript.record(name, Direction.INFO, Kind.ERROR, why, 0);
    transcript.record(name, Direction.OUT, Kind.CLOSE, why, code);
    if (!session.closeSent()) {
      session.writeFrame(FrameCodec.CLOSE, FrameCodec.closePayload(code, ""));
    }
    ended(new Received.Closed(code, why, System.nanoTime()));
    session.closeSocket();
  }

  private void lost(String why) {
    String reason = session.gaveUp() != null ? session.gaveUp() : "connection lost without a close frame";
    synchronized (this) {
      if (ended) {
        return;
      }
    }
    long at = System.nanoTime();
    transcript.recordAt(at, name, Direction.IN, Kind.CLOSE, reason
        + (why == null || session.gaveUp() != null ? "" : ": " + why), 1006);
    ended(new Received.Closed(1006, reason, at));
  }

  /** The connection is over: the first end is the one the inbox receives (null: the harness ended it). */
  void ended(Received.Closed close) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    session.markClosed();
    if (close != null) {
      inbox.add(close);
    }
  }

  void pause(boolean pause) {
    gate.lock();
    try {
      paused = pause;
      resumed.signalAll();
    } finally {
      gate.unlock();
    }
  }

  private void awaitNotPaused() throws InterruptedException {
    gate.lock();
    try {
      while (paused) {
        resumed.await();
      }
    } finally {
      gate.unlock();
    }
  }
}

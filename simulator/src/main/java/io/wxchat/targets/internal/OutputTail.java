package io.wxchat.targets.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * What a launched server printed, kept as a bounded tail whatever it prints: lines cut at
 * {@link #MAX_LINE_BYTES}, at most {@link #MAX_TAIL_CHARS} of the last lines, and a count of every
 * byte and line, so a server that prints one endless line or a flood of them costs a few KiB.
 */
final class OutputTail {
  static final int MAX_LINE_BYTES = 2 * 1024;
  static final int MAX_TAIL_CHARS = 64 * 1024;

  private final Deque<String> lines = new ArrayDeque<>();
  private long tailChars;
  private long lineCount;
  private long bytes;
  private final List<Pending> pending = new ArrayList<>();

  /** A line being read from one stream: its first bytes, and how long it is so far. */
  private static final class Pending {
    final String prefix;
    final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long length;

    Pending(String prefix) {
      this.prefix = prefix;
    }
  }

  /** Reads {@code stream} to its end, each line prefixed with {@code prefix}; call on its own thread. */
  void pump(InputStream stream, String prefix) {
    Pending line = new Pending(prefix);
    synchronized (this) {
      pending.add(line);
    }
    byte[] buffer = new byte[8 * 1024];
    try (stream) {
      for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
        synchronized (this) {
          bytes += n;
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              finish(line);
            } else {
              if (line.length < MAX_LINE_BYTES) {
                line.kept.write(buffer[i]);
              }
              line.length++;
            }
          }
        }
      }
    } catch (IOException ended) {
      // the process is gone
    }
    synchronized (this) {
      if (line.length > 0) {
        finish(line);
      }
      pending.remove(line);
    }
  }

  /** A position in the output, for {@link #since(long)}. */
  synchronized long mark() {
    return lineCount;
  }

  /** The lines printed since {@code mark} that are still kept, and any line still being printed. */
  synchronized String since(long mark) {
    StringBuilder out = new StringBuilder();
    long first = lineCount - lines.size();
    if (mark < first) {
      out.append(String.format(Locale.ROOT, "[%,d earlier lines of output not kept: the log keeps the last %,d chars;"
          + " the server printed %,d bytes in all]\n", first - mark, MAX_TAIL_CHARS, bytes));
    }
    long index = first;
    for (String line : lines) {
      if (index++ >= mark) {
        out.append(line).append('\n');
      }
    }
    for (Pending line : pending) {
      if (line.length > 0) {
        out.append(render(line)).append(" [line still being printed]\n");
      }
    }
    return out.toString();
  }

  /** The last {@code count} lines, including one still being printed. */
  synchronized String last(int count) {
    String[] all = since(0).split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - count), all.length));
  }

  /** Every byte the process printed on both streams, kept or not. */
  synchronized long bytes() {
    return bytes;
  }

  private void finish(Pending line) {
    String text = render(line);
    line.kept.reset();
    line.length = 0;
    lines.addLast(text);
    tailChars += text.length() + 1;
    lineCount++;
    while (tailChars > MAX_TAIL_CHARS && lines.size() > 1) {
      tailChars -= lines.removeFirst().length() + 1;
    }
  }

  private static String render(Pending line) {
    String text = line.prefix + line.kept.toString(StandardCharsets.UTF_8);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    return line.length > MAX_LINE_BYTES
        ? text + String.format(Locale.ROOT, "... [line cut: %,d bytes in all]", line.length) : text;
  }
}

package io.wxchat.targets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {
  @Test
  void an_endless_line_is_cut_with_its_length() {
    // given
    OutputTail tail = new OutputTail();
    byte[] line = ("a".repeat(5_000_000) + "\nlast words\n").getBytes(StandardCharsets.US_ASCII);

    // when
    tail.pump(new ByteArrayInputStream(line), "");

    // then
    String[] lines = tail.since(0).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).hasSize(OutputTail.MAX_LINE_BYTES + "... [line cut: 5,000,000 bytes in all]".length())
        .endsWith("a... [line cut: 5,000,000 bytes in all]");
    assertThat(lines[1]).isEqualTo("last words");
    assertThat(tail.bytes()).isEqualTo(line.length);
  }

  @Test
  void a_flood_of_lines_keeps_the_last_ones_and_says_how_many_went() {
    // given
    OutputTail tail = new OutputTail();
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      flood.append("line ").append(i).append('\n');
    }

    // when
    tail.pump(new ByteArrayInputStream(flood.toString().getBytes(StandardCharsets.US_ASCII)), "[stderr] ");

    // then
    String kept = tail.since(0);
    assertThat(kept.length()).isLessThan(OutputTail.MAX_TAIL_CHARS + 200);
    assertThat(kept).startsWith("[").contains("earlier lines of output not kept").endsWith("[stderr] line 99999\n");
    assertThat(tail.last(1)).isEqualTo("[stderr] line 99999");
  }
}

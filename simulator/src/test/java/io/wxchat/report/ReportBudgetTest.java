package io.wxchat.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportBudgetTest {
  @Test
  void small_transcripts_are_written_whole_and_the_large_share_what_is_left() {
    // when
    long[] shares = ReportBudget.shares(new long[] {10, 5_000, 300, 9_000}, 4_000);

    // then
    assertThat(shares).containsExactly(10, 1_845, 300, 1_845);
  }
}

package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.conformance.Failure;
import io.wxchat.conformance.FailureText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilledInboxesTest {
  private static final Failure SILENCE = new Failure(Failure.Kind.MISMATCH, "2 (silence, client alice)",
      "alice received something during 500 ms of expected silence", "nothing for 500 ms", List.of(), -1, List.of(),
      "reports/t/operator.1.4.json");

  @Test
  void a_failure_without_a_full_inbox_reads_as_it_did() {
    assertThat(CaseRunner.withFilledInboxes(SILENCE, Map.of())).isSameAs(SILENCE);
  }

  @Test
  void the_failure_names_the_client_whose_inbox_filled_and_the_bound_it_hit() {
    Failure named = CaseRunner.withFilledInboxes(SILENCE, Map.of("alice", "2,000 frames unread"));

    assertThat(FailureText.headline("operator.1.4", named)).isEqualTo("operator.1.4 step 2 (silence, client alice)"
        + " FAILED: alice received something during 500 ms of expected silence"
        + " (alice's inbox filled: 2,000 frames unread; it stopped reading)");
    assertThat(named).usingRecursiveComparison().ignoringFields("problem").isEqualTo(SILENCE);
  }

  @Test
  void clients_that_hit_the_same_bound_are_named_together_and_a_crowd_is_counted() {
    Map<String, String> filled = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      filled.put("u" + i, "2,000 frames unread");
    }
    filled.put("bob", "24 MiB unread");

    Failure named = CaseRunner.withFilledInboxes(SILENCE, filled);

    assertThat(named.problem()).isEqualTo("alice received something during 500 ms of expected silence"
        + " (the inboxes of u1, u2, u3 and 2 more filled: 2,000 frames unread; bob's inbox filled: 24 MiB unread;"
        + " they stopped reading)");
  }
}

package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadSupportTest {
  private static Scenario scenario(Requirement[] requires, Step... steps) {
    return Scenario.builder("load.1.1").title("t").expectation("e").requires(requires).steps(steps).build();
  }

  @Test
  void a_greeting_can_load() {
    // given
    Scenario greeting = scenario(new Requirement[] {Requirement.FRESH}, Steps.connect("alice"),
        Steps.send("alice", "你好"), Steps.expect("alice", Matchers.autoReply()));
    // when / then
    assertThat(LoadSupport.whyNot(greeting)).isEmpty();
  }

  @Test
  void a_raw_connection_inside_clients_makes_the_file_conformance_only() {
    // given
    Scenario raw = scenario(new Requirement[0], Steps.clients(2, "u{i}", Steps.connectRaw("{client}")));
    // when / then
    assertThat(LoadSupport.whyNot(raw)).contains("a raw connection (bytes outside WebSocket framing)");
  }

  @Test
  void an_offline_expectation_before_the_operator_speaks_makes_the_file_conformance_only() {
    // given
    Scenario online = scenario(new Requirement[] {Requirement.FRESH, Requirement.OPERATOR}, Steps.connect("alice"),
        Steps.send("alice", "你好"), Steps.expect("alice", Matchers.autoReply()), Steps.operator("hi"));
    // when / then
    assertThat(LoadSupport.whyNot(online).orElseThrow()).startsWith("it expects the offline auto-reply");
  }

  @Test
  void a_file_that_speaks_as_operator_loads_only_alone_with_one_user() {
    // given
    Scenario fanOut = scenario(new Requirement[] {Requirement.FRESH, Requirement.OPERATOR},
        Steps.clients(2, "u{i}", Steps.connect("{client}")), Steps.operator("hi"),
        Steps.expect("*", Matchers.operatorMessage("hi")));
    // when / then
    assertThat(LoadSupport.whyNot(fanOut)).isEmpty();
    assertThat(LoadSupport.whyNotTogether(List.of(fanOut), 1)).isEmpty();
    assertThat(LoadSupport.whyNotTogether(List.of(fanOut), 2).orElseThrow()).contains("-Dusers=1");
  }

  @Test
  void unrolling_binds_the_index_and_the_client_name_in_order() {
    // given
    Scenario many = scenario(new Requirement[0], Steps.clients(2, "u{i}", Steps.connect("{client}"),
        Steps.send("{client}", "hi {i}")), Steps.repeat(2, Steps.silence("u{i}", Duration.ofMillis(5))));
    // when
    List<Step> flat = LoadSupport.unrolled(many);
    // then
    assertThat(flat).containsExactly(Steps.connect("u1"), Steps.send("u1", "hi 1"), Steps.connect("u2"),
        Steps.send("u2", "hi 2"), Steps.silence("u1", Duration.ofMillis(5)), Steps.silence("u2", Duration.ofMillis(5)));
  }
}

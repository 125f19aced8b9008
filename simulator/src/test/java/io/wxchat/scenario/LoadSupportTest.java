package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadSupportTest {
  private static final String OFFLINE_THEN_ONLINE = "it expects the offline auto-reply and then makes the server online:"
      + " only the first virtual user would find it offline";
  private static final String ONE_OF = "oneOf: a load check cannot pick a branch by the frame that arrives";
  private static final String FAULT = "fault: a wire fault needs the simulator's proxy between client and server";
  private static final String RAW = "a raw connection (bytes outside WebSocket framing)";
  private static final String ABRUPT = "an abrupt close (no close frame)";
  private static final String HTTP = "a plain HTTP request (not a WebSocket)";
  private static final String UPGRADE_FLOOD = "upgradeFlood: an upgrade request that never ends (bytes outside WebSocket"
      + " framing)";
  private static final String TCP = "tcp: a connection that writes bytes outside WebSocket framing and never upgrades";

  /** What list --load says of each bundled file ("load", or why it is conformance only). */
  private static final String BUNDLED = """
      echo.1.1        load
      echo.1.2        load
      echo.1.3        load
      echo.1.4        load
      echo.1.5        load
      echo.1.6        load
      echo.1.7        load
      echo.2.1        load
      faults.1.1      FAULT
      faults.1.2      FAULT
      faults.1.3      FAULT
      faults.2.1      FAULT
      faults.2.2      OFFLINE_THEN_ONLINE
      hardening.1.1   RAW
      hardening.1.2   RAW
      hardening.1.3   RAW
      hardening.2.1   OFFLINE_THEN_ONLINE
      hardening.2.2   RAW
      hardening.3.1   UPGRADE_FLOOD
      hardening.3.2   UPGRADE_FLOOD
      hardening.4.1   RAW
      hardening.4.2   RAW
      operator.1.1    load
      operator.1.2    load
      operator.1.3    load
      operator.1.4    load
      operator.1.5    load
      operator.2.1    load
      operator.2.2    load
      operator.2.3    load
      operator.2.4    ONE_OF
      operator.2.5    ONE_OF
      operator.2.6    load
      operator.2.7    ONE_OF
      operator.3.1    OFFLINE_THEN_ONLINE
      operator.3.2    load
      operator.3.3    load
      operator.3.4    ONE_OF
      operator.3.5    load
      operator.3.6    ABRUPT
      operator.3.7    endOfInput closes the operator's console, which every virtual user shares
      operator.3.8    OFFLINE_THEN_ONLINE
      robustness.1.1  RAW
      robustness.1.2  load
      robustness.1.3  expectClose: a load tool does not see close codes
      robustness.1.4  load
      robustness.1.5  load
      robustness.2.1  RAW
      robustness.2.2  RAW
      robustness.2.3  ABRUPT
      robustness.2.4  TCP
      robustness.2.5  TCP
      robustness.3.1  load
      robustness.3.2  RAW
      robustness.3.3  load
      transport.1.1   HTTP
      transport.1.2   HTTP
      transport.1.3   load
      transport.1.4   load
      transport.1.5   HTTP
      wechat.1.1      load
      wechat.1.2      ABRUPT
      wechat.1.3      load
      wechat.1.4      OFFLINE_THEN_ONLINE
      """;

  private static Scenario scenario(Requirement[] requires, Step... steps) {
    return Scenario.builder("load.1.1").title("t").expectation("e").requires(requires).steps(steps).build();
  }

  @Test
  void every_kind_of_step_is_classified_for_load() {
    // given every kind the sealed Step permits: a kind added to Step fails here until LoadSupport classifies it
    List<Class<?>> kinds = List.of(Step.class.getPermittedSubclasses());
    // when / then
    assertThat(List.<Class<?>>copyOf(LoadSupport.classifiedKinds())).containsExactlyInAnyOrderElementsOf(kinds);
  }

  @Test
  void every_bundled_file_loads_or_says_in_words_why_not() {
    // given the expected verdict of each file in scenarios/, the opt-in suites too
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> words = Map.of("OFFLINE_THEN_ONLINE", OFFLINE_THEN_ONLINE, "ONE_OF", ONE_OF, "FAULT", FAULT,
        "RAW", RAW, "ABRUPT", ABRUPT, "HTTP", HTTP, "UPGRADE_FLOOD", UPGRADE_FLOOD,
        "TCP", TCP);
    BUNDLED.lines().map(line -> line.split(" +", 2)).forEach(row -> expected.put(row[0], words.getOrDefault(row[1], row[1])));
    // when
    Map<String, String> actual = new LinkedHashMap<>();
    ScenarioFiles.loadAll(ScenarioCatalogTest.scenariosDir())
        .forEach(s -> actual.put(s.id(), LoadSupport.whyNot(s).orElse("load")));
    // then: a new file needs its row above, and no reason is a record's toString
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(actual.values()).noneMatch(why -> why.matches(".*[A-Z]\\w*\\[\\w+=.*"));
  }

  @Test
  void a_pause_a_wait_and_an_operator_line_load_but_each_newer_kind_says_why_not() {
    // given one step of each kind a conformance run alone can do
    Step oneOf = Steps.oneOf(Steps.documented(Steps.silence("alice", Duration.ofMillis(5))),
        Steps.nonStrict("the line was lost", Steps.expect("alice", Matchers.autoReply())));
    // when / then
    assertThat(LoadSupport.whyNot(new Step.Gap(Duration.ofMillis(350)))).isEmpty();
    assertThat(LoadSupport.whyNot(Steps.waitFor(Duration.ofMillis(350)))).isEmpty();
    assertThat(LoadSupport.whyNot(Steps.operator("hi"))).isEmpty();
    assertThat(LoadSupport.whyNot(oneOf)).contains(ONE_OF);
    assertThat(LoadSupport.whyNot(Steps.endOfInput("bye")).orElseThrow()).startsWith("endOfInput closes");
    assertThat(LoadSupport.whyNot(Steps.canary("carol", "hi", Matchers.autoReply())).orElseThrow()).startsWith("canary:");
    assertThat(LoadSupport.whyNot(Steps.awaitClose("alice", Duration.ofSeconds(1))).orElseThrow()).startsWith("awaitClose:");
    assertThat(LoadSupport.whyNot(Steps.repeat(2, Steps.upgradeFlood("mallory", 1024)))).contains(UPGRADE_FLOOD);
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

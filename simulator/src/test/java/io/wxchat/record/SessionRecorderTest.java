package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.record.internal.HttpHead;
import io.wxchat.record.internal.WireTap;
import io.wxchat.scenario.Step;
import io.wxchat.session.internal.Frame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the recorder makes of the wire: names, fragments joined, masks, one file per client on request. */
class SessionRecorderTest {
  private static final HttpHead UPGRADED = new HttpHead("HTTP/1.1 101 Switching Protocols", List.of());

  private static HttpHead request(String target, Map.Entry<String, String>... headers) {
    return new HttpHead("GET " + target + " HTTP/1.1", List.of(headers));
  }

  private static Frame text(String text, boolean fin, int opcode) {
    Frame whole = Frame.of(opcode, text.getBytes(StandardCharsets.UTF_8), false);
    return new Frame(fin, opcode, whole.payload(), whole.wire());
  }

  @Test
  void fragments_are_joined_and_clients_are_named_in_the_order_they_connected() {
    // given
    SessionRecorder recorder = new SessionRecorder("recorded.demo", "ws://x/", List.of(), false);
    WireTap tap = recorder.tap();
    // when
    tap.opened(7, request("/"), UPGRADED, 0);
    tap.opened(9, request("/"), UPGRADED, 1_000);
    tap.frame(9, true, text("你", false, Frame.TEXT), 2_000);
    tap.frame(9, true, Frame.of(Frame.PING, new byte[0], true), 2_500);
    tap.frame(9, true, text("好", true, Frame.CONTINUATION), 3_000);
    // then
    List<Step> steps = recorder.recordings().get(0).scenario().steps();
    assertThat(steps).containsExactly(new Step.Connect("alice", "/", Map.of(), List.of(), false, null),
        new Step.Connect("bob", "/", Map.of(), List.of(), false, null),
        new Step.Send("bob", "你好", null, null, null));
  }

  @Test
  void split_per_client_gives_one_recording_per_connection() {
    SessionRecorder recorder = new SessionRecorder("recorded.demo", "ws://x/", List.of(), true);
    WireTap tap = recorder.tap();
    tap.opened(1, request("/"), UPGRADED, 0);
    tap.opened(2, request("/"), UPGRADED, 0);
    tap.frame(2, true, text("hi", true, Frame.TEXT), 10);

    assertThat(recorder.recordings()).extracting(r -> r.scenario().id()).containsExactly("recorded.demo.1", "recorded.demo.2");
    assertThat(recorder.recordings().get(1).scenario().steps()).hasSize(2);
  }

  @Test
  void secrets_and_mask_matches_never_reach_the_file_each_value_becomes_one_named_variable() {
    // given
    SessionRecorder recorder = new SessionRecorder("recorded.demo", "ws://x/", List.of("1[3-9]\\d{9}"), false);
    WireTap tap = recorder.tap();
    // when: one token in the query and the Authorization header, another client's own token, a phone number
    tap.opened(1, request("/?token=s3cret-alice", Map.entry("Authorization", "Bearer s3cret-alice")), UPGRADED, 0);
    tap.opened(2, request("/?uid=7&token=s3cret-bob", Map.entry("Cookie", "sid=c00kie")), UPGRADED, 1);
    tap.frame(1, true, text("我的手机号 13812345678, login s3cret-alice", true, Frame.TEXT), 10);
    // then
    Recording recording = recorder.recordings().get(0);
    String file = recording.text();
    assertThat(file).doesNotContain("s3cret", "c00kie", "13812345678", "***");
    assertThat(recording.scenario().steps()).containsExactly(
        new Step.Connect("alice", "/?token={TOKEN}", Map.of("Authorization", "Bearer {TOKEN}"), List.of(), false, null),
        new Step.Connect("bob", "/?uid=7&token={TOKEN_2}", Map.of("Cookie", "{COOKIE}"), List.of(), false, null),
        new Step.Send("alice", "我的手机号 {MASKED}, login {TOKEN}", null, null, null));
    assertThat(file).contains("""
        # Secrets: not in this file. Each {NAME} stands for one; a replay sends the variable's value instead.
        # Set them with: wxchat-sim run --var TOKEN=... --var TOKEN_2=... --var COOKIE=... --var MASKED=... (or\
         environment variables of those names)
        #   {TOKEN}: token= in the request path, the Authorization header, a sent text
        #   {TOKEN_2}: token= in the request path
        #   {COOKIE}: the Cookie header
        #   {MASKED}: /1[3-9]\\d{9}/ in a sent text
        """);
    assertThat(io.wxchat.scenario.ScenarioFiles.parse(file, "again")).isEqualTo(recording.scenario());
  }

  @Test
  void a_recorded_text_that_reads_as_a_variable_is_noted_with_how_to_send_it_as_recorded() {
    SessionRecorder recorder = new SessionRecorder("recorded.demo", "ws://x/", List.of(), false);
    WireTap tap = recorder.tap();
    tap.opened(1, request("/"), UPGRADED, 0);
    tap.frame(1, true, text("模板 {NAME} 你好", true, Frame.TEXT), 10);

    assertThat(recorder.recordings().get(0).text()).contains("# Note: the recorded text {NAME} reads as a variable in"
        + " a replay; to send it as recorded, replay with --var NAME='{NAME}'");
  }
}

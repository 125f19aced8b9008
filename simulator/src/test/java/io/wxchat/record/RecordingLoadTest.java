package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.record.internal.HttpHead;
import io.wxchat.record.internal.WireTap;
import io.wxchat.scenario.LoadSupport;
import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.Step;
import io.wxchat.session.internal.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded files under load: a recording's pauses ({@code gap}) are its users' think time, so a
 * recorded chat can load; what the recorder writes for a server that closed the socket cannot.
 */
class RecordingLoadTest {
  private static final HttpHead UPGRADED = new HttpHead("HTTP/1.1 101 Switching Protocols", List.of());
  private static final String AUTO_REPLY = """
      {"content":"[自动回复] : 请等待用户接入回复...","date":"2026-21-11 , 9:05 pm"}""";

  @TempDir
  Path dir;

  private static Frame text(String text) {
    return Frame.of(Frame.TEXT, text.getBytes(StandardCharsets.UTF_8), false);
  }

  private static Frame close(int code) {
    return Frame.of(Frame.CLOSE, new byte[] {(byte) (code >> 8), (byte) code}, false);
  }

  private static long ms(long millis) {
    return millis * 1_000_000;
  }

  /** alice greets, gets the auto-reply, thinks 1.2 s, asks again, gets it again; then {@code end} at 2 s. */
  private Path recordedChat(String id, boolean serverCloses) throws Exception {
    SessionRecorder recorder = new SessionRecorder(id, "ws://127.0.0.1:8080/", List.of(), false);
    WireTap tap = recorder.tap();
    tap.opened(1, new HttpHead("GET / HTTP/1.1", List.of()), UPGRADED, 0);
    tap.frame(1, true, text("你好"), ms(300));
    tap.frame(1, false, text(AUTO_REPLY), ms(305));
    tap.frame(1, true, text("在吗"), ms(1_500));
    tap.frame(1, false, text(AUTO_REPLY), ms(1_504));
    tap.frame(1, !serverCloses, close(serverCloses ? 1001 : 1000), ms(2_000));
    return recorder.writeTo(dir).get(0);
  }

  @Test
  void a_recorded_chat_with_pauses_can_load() throws Exception {
    // given the file the recorder writes for a chat with pauses in it
    Path file = recordedChat("recorded.chat", false);
    Scenario recorded = ScenarioFiles.load(file);
    assertThat(recorded.steps()).as("the recorded pauses").filteredOn(Step.Gap.class::isInstance).hasSize(3);
    // when / then
    assertThat(LoadSupport.whyNot(recorded)).isEmpty();
  }

  @Test
  void a_recording_of_a_server_that_closed_the_socket_is_conformance_only_for_its_expectClose() throws Exception {
    // given the file the recorder writes when the server closed with 1001
    Scenario recorded = ScenarioFiles.load(recordedChat("recorded.closed", true));
    // when / then
    assertThat(LoadSupport.whyNot(recorded)).contains("expectClose: a load tool does not see close codes");
  }
}

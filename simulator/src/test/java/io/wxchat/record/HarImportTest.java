package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioException;
import io.wxchat.scenario.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DevTools HAR export becomes a generalised, masked scenario; a wrong file says what was expected. */
class HarImportTest {
  @TempDir
  Path work;

  static Path fixture() throws Exception {
    return Path.of(HarImportTest.class.getResource("/har/devtools-session.har").toURI());
  }

  @Test
  void the_websocket_entry_of_a_devtools_har_becomes_one_scenario() throws Exception {
    // when
    List<Recording> recordings = HarImport.read(fixture(), "imported.devtools", List.of());
    // then
    assertThat(recordings).hasSize(1);
    Scenario scenario = recordings.get(0).scenario();
    assertThat(scenario.expectation()).startsWith("1 client; alice sends 2 messages and receives 2 frames.");
    Step.Connect connect = (Step.Connect) scenario.steps().get(0);
    assertThat(connect.path()).isEqualTo("/?token={TOKEN}&uid=demo");
    assertThat(connect.headers()).containsExactlyEntriesOf(java.util.Map.of("Cookie", "{COOKIE}"));
    assertThat(scenario.steps()).filteredOn(s -> s instanceof Step.Gap).hasSize(1);
    assertThat(recordings.get(0).text()).contains("# Generalised: 2x \"date\" -> {dateFormat: operator}",
        "# Set them with: wxchat-sim run --var TOKEN=... --var COOKIE=...", "#   {TOKEN}: token= in the source URL,"
            + " the request path\n", "#   {COOKIE}: the Cookie header\n")
        .doesNotContain("8f14e45fceea167a5a36dedd4bea2543", "4a8a08f09d37b73795649038408b5f33")
        .doesNotContain("raw: false", "count: 1", "informational: false");
    assertThat(io.wxchat.scenario.ScenarioFiles.parse(recordings.get(0).text(), "again")).isEqualTo(scenario);
  }

  @Test
  void a_har_without_websocket_entries_says_how_to_capture_one() throws Exception {
    Path har = Files.writeString(work.resolve("page.har"), "{\"log\":{\"entries\":[{\"request\":{\"url\":\"http://x/\"}}]}}");

    assertThatThrownBy(() -> HarImport.read(har, "imported.x", List.of())).isInstanceOf(ScenarioException.class)
        .hasMessage(har + ": no WebSocket entries (none of the 1 entries has _webSocketMessages); keep the Network"
            + " panel open while the socket connects, then Export HAR");
  }

  @Test
  void a_truncated_har_names_the_line() throws Exception {
    String whole = Files.readString(fixture());
    Path har = Files.writeString(work.resolve("cut.har"), whole.substring(0, whole.length() / 2));

    assertThatThrownBy(() -> HarImport.read(har, "imported.x", List.of())).isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith(har + ":").hasMessageContaining("not a HAR file (")
        .hasMessageEndingWith("expected the JSON that DevTools' Network panel exports with Export HAR");
  }

  @Test
  void a_json_file_that_is_not_a_har_says_what_a_har_looks_like() throws Exception {
    Path har = Files.writeString(work.resolve("package.har"), "{\"name\":\"chat\"}");

    assertThatThrownBy(() -> HarImport.read(har, "imported.x", List.of()))
        .hasMessage(har + ": no log.entries; expected a HAR file ({\"log\":{\"entries\":[...]}})");
  }
}

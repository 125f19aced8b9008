package io.wxchat.record;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A recorded session as a scenario, with the comment that says what was generalised, masked and
 * inferred: {@code recording.writeTo(Path.of("scenarios/recorded"))} writes {@code <id>.yaml}.
 */
public record Recording(Scenario scenario, List<String> comments) {
  public Recording {
    comments = List.copyOf(comments);
  }

  /** The file's text: the comment, then the scenario as YAML. */
  public String text() {
    StringBuilder text = new StringBuilder("# yaml-language-server: $schema=https://wxchat.io/schemas/scenario.schema.json\n");
    comments.forEach(line -> text.append("# ").append(line.replace("\n", " ")).append('\n'));
    // the defaults the model writes out, left out so a recorded file reads like a hand-written one
    return text.append(ScenarioFiles.toYaml(scenario).replaceAll("(?m)^(\\s+(raw: false|subprotocols: \\[\\]|count: 1)"
        + "|informational: false)\n", "")).toString();
  }

  /**
   * Writes {@code <folder>/<id>.yaml} whole or not at all: a temporary file of its own (two writers
   * of one id, such as two recorders, never share it), then a move.
   */
  public Path writeTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(scenario.id() + ".yaml");
    Path partial = Files.createTempFile(folder, "." + scenario.id() + ".yaml.", ".partial");
    try {
      Files.writeString(partial, text(), StandardCharsets.UTF_8);
      try {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial); // gone after the move; left only if writing or moving failed
    }
    return file;
  }
}

package io.wxchat.gatling;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's files are: relative paths resolve against {@code -Dwxchat.root} (set by the build). */
final class Project {
  private Project() {
  }

  /** {@code path} as given if it exists, else under the project root; {@code Project.path(Path.of("scenarios"))}. */
  static Path path(Path path) {
    if (path.isAbsolute() || Files.exists(path)) {
      return path;
    }
    String root = System.getProperty("wxchat.root");
    Path resolved = root == null ? path : Path.of(root).resolve(path);
    if (!Files.exists(resolved)) {
      throw new IllegalArgumentException("-Dscenarios: no such file or folder: " + path);
    }
    return resolved;
  }
}

package io.wxchat.gatling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the project's files are: relative paths resolve against {@code -Dwxchat.root} (set by the build). */
final class Project {
  private Project() {
  }

  /** The project's root folder, when the build said where it is. */
  static Optional<Path> root() {
    return Optional.ofNullable(System.getProperty("wxchat.root")).map(Path::of);
  }

  /** {@code path} of {@code -Dscenarios} as given if it exists, else under the project root: {@code Project.path(Path.of("scenarios"))}. */
  static Path path(Path path) {
    return path("scenarios", path);
  }

  /** {@code path} of {@code -Dproperty} as given if it exists, else under the project root. */
  static Path path(String property, Path path) {
    if (path.isAbsolute() || Files.exists(path)) {
      return path;
    }
    Path resolved = root().map(r -> r.resolve(path)).orElse(path);
    if (!Files.exists(resolved)) {
      throw new IllegalArgumentException("-D" + property + ": no such file or folder: " + path);
    }
    return resolved;
  }
}

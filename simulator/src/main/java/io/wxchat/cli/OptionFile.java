package io.wxchat.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A file an option names ({@code --ca-cert}, {@code --tls-cert}, {@code --tls-key}): missing says missing. */
final class OptionFile {
  private OptionFile() {
  }

  /** {@code file}, or an IllegalArgumentException naming the option when it is missing or a folder; null stays null. */
  static Path existing(String option, Path file) {
    if (file == null || Files.isRegularFile(file)) {
      return file;
    }
    throw new IllegalArgumentException(option + ": " + (Files.isDirectory(file)
        ? file + " is a folder, not a file" : "no such file: " + file));
  }
}

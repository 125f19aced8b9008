package io.wxchat.report;

import io.wxchat.conformance.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Placeholder until the report writers land: writes only the summary line. */
public final class ReportWriter {
  private ReportWriter() {
  }

  public static Path write(RunResult run, Path reportDir) throws IOException {
    Files.createDirectories(reportDir);
    return Files.writeString(reportDir.resolve("summary.txt"), run.summaryLine() + "\n");
  }
}

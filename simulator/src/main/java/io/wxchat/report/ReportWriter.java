package io.wxchat.report;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's reports: per target a folder with a JSON transcript per case, an Autobahn-shaped
 * {@code index.json}, {@code junit.xml} and {@code index.html}; above them the whole run's
 * {@code index.json} and {@code index.html}, a self-contained page that compares the targets.
 *
 * <pre>{@code
 * Path page = ReportWriter.write(run, Path.of("reports")); // reports/index.html
 * }</pre>
 *
 * <p>Partial runs (a target that stopped early) are written like any other; existing files of the
 * same names are replaced, other files are left alone.
 */
public final class ReportWriter {
  private ReportWriter() {
  }

  /** Writes every report of {@code run} under {@code reportDir} and returns the path of its HTML page. */
  public static Path write(RunResult whole, Path reportDir) throws IOException {
    RunResult run = ReportBudget.apply(whole);
    Files.createDirectories(reportDir);
    List<TargetFolder> targets = TargetFolder.assign(run.targets());
    for (TargetFolder target : targets) {
      writeTarget(run, target, reportDir.resolve(target.folder()));
    }
    Json.write(AutobahnIndex.of(targets, false), reportDir.resolve("index.json"));
    Path page = reportDir.resolve("index.html");
    Files.writeString(page, HtmlReport.render(run, targets, false), StandardCharsets.UTF_8);
    return page;
  }

  private static void writeTarget(RunResult run, TargetFolder target, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (CaseResult result : target.target().cases()) {
      Json.write(TranscriptJson.of(result), dir.resolve(result.id() + ".json"));
    }
    List<TargetFolder> only = List.of(target);
    Json.write(AutobahnIndex.of(only, true), dir.resolve("index.json"));
    JUnitXml.write(target.target(), run.strict(), run.started(), dir.resolve("junit.xml"));
    RunResult alone = new RunResult(List.of(target.target()), run.started(), run.finished(), run.strict());
    Files.writeString(dir.resolve("index.html"), HtmlReport.render(alone, only, true), StandardCharsets.UTF_8);
  }
}

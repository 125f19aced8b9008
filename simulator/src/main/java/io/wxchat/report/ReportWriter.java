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
      writeTarget(run, target, reportDir.resolve(target.folder()), targets.size() == 1);
    }
    Json.write(AutobahnIndex.of(targets, false), reportDir.resolve("index.json"));
    Path page = reportDir.resolve("index.html");
    Files.writeString(page, HtmlReport.render(run, targets, false), StandardCharsets.UTF_8);
    return page;
  }

  private static void writeTarget(RunResult run, TargetFolder target, Path dir, boolean only) throws IOException {
    Files.createDirectories(dir);
    for (CaseResult result : target.target().cases()) {
      Json.write(TranscriptJson.of(result), dir.resolve(result.id() + ".json"));
    }
    Json.write(AutobahnIndex.of(List.of(target), true), dir.resolve("index.json"));
    JUnitXml.write(target.target(), run.strict(), run.started(), dir.resolve("junit.xml"));
    if (only) {
      // the run's page is this target's page already: written once, pointed at from here
      Files.writeString(dir.resolve("index.html"), HtmlReport.pointer("../index.html"), StandardCharsets.UTF_8);
      return;
    }
    RunResult alone = new RunResult(List.of(target.target()), run.started(), run.finished(), run.strict());
    Files.writeString(dir.resolve("index.html"), HtmlReport.render(alone, List.of(target), true),
        StandardCharsets.UTF_8);
  }

  /**
   * Writes one case's transcript where the whole run's reports will put it ({@code reportDir/<target>/<id>.json}),
   * so the path a failure message names exists as soon as the case is judged.
   */
  public static void writeTranscript(CaseResult result, Path reportDir) throws IOException {
    Path dir = Files.createDirectories(reportDir.resolve(TargetFolder.safe(result.target())));
    Json.write(TranscriptJson.of(result), dir.resolve(result.id() + ".json"));
  }

  /**
   * Fails early, before a run, when {@code reportDir} cannot take reports: it is a file, or a folder
   * this process may not write to.
   */
  public static void checkWritable(Path reportDir) throws IOException {
    Path existing = reportDir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new java.nio.file.FileSystemException(existing + " is a file, not a folder");
    }
    if (!Files.isWritable(existing)) {
      throw new java.nio.file.AccessDeniedException(existing + ": permission denied");
    }
  }

  /** One line saying why reports could not be written ({@code reports is a file, not a folder}). */
  public static String why(Exception e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
      return ((java.nio.file.FileSystemException) e).getFile() + " is a file, not a folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException denied && denied.getReason() == null) {
      return denied.getFile() + ": permission denied";
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.contains("No space left on device") ? message + " (the disk is full)" : message;
  }
}

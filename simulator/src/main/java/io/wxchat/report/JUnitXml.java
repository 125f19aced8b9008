package io.wxchat.report;

import io.wxchat.conformance.CaseResult;
import io.wxchat.conformance.FailureText;
import io.wxchat.conformance.TargetResult;
import io.wxchat.conformance.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * One target's results as the JUnit XML that Jenkins, GitLab and GitHub read: a {@code <testsuite>}
 * per suite, classname {@code suite.profile}, name {@code id title [target]}; FAILED (and NON_STRICT under
 * {@code --strict}) is a {@code <failure>} with the full text as its body, UNIMPLEMENTED and
 * INFORMATIONAL are {@code <skipped>}, the wire transcript is in {@code <system-out>} and the
 * server log in {@code <system-err>}. A run that stopped early adds an {@code <error>} case.
 */
final class JUnitXml {
  private JUnitXml() {
  }

  static void write(TargetResult target, boolean strict, Instant started, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      XmlOut xml = new XmlOut(XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8"));
      write(target, strict, started, xml);
      xml.finish();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(TargetResult target, boolean strict, Instant started, XmlOut xml)
      throws XMLStreamException {
    Map<String, List<CaseResult>> suites = new LinkedHashMap<>();
    for (CaseResult result : target.cases()) {
      suites.computeIfAbsent(result.scenario().suite(), s -> new ArrayList<>()).add(result);
    }
    List<CaseResult> all = target.cases();
    boolean aborted = !target.aborted().isEmpty();
    xml.start("testsuites", 0)
        .attribute("name", "wxchat conformance: " + target.name())
        .attribute("tests", all.size() + (aborted ? 1 : 0))
        .attribute("failures", all.stream().filter(c -> isFailure(c, strict)).count())
        .attribute("errors", aborted ? 1 : 0)
        .attribute("skipped", all.stream().filter(JUnitXml::isSkipped).count())
        .attribute("time", Millis.seconds(all.stream().mapToLong(CaseResult::durationNanos).sum()));
    for (Map.Entry<String, List<CaseResult>> suite : suites.entrySet()) {
      suite(target, strict, started, suite.getKey(), suite.getValue(), xml);
    }
    if (aborted) {
      abort(target, xml);
    }
    xml.endBlock(0);
  }

  private static void suite(TargetResult target, boolean strict, Instant started, String suite,
                            List<CaseResult> cases, XmlOut xml) throws XMLStreamException {
    xml.start("testsuite", 1)
        .attribute("name", classname(suite, target) + " [" + target.name() + "]")
        .attribute("tests", cases.size())
        .attribute("failures", cases.stream().filter(c -> isFailure(c, strict)).count())
        .attribute("errors", 0)
        .attribute("skipped", cases.stream().filter(JUnitXml::isSkipped).count())
        .attribute("time", Millis.seconds(cases.stream().mapToLong(CaseResult::durationNanos).sum()));
    if (started != null) {
      xml.attribute("timestamp", started.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
    }
    xml.start("properties", 2);
    xml.empty("property", 3).attribute("name", "target").attribute("value", target.name());
    xml.empty("property", 3).attribute("name", "target.description").attribute("value", target.description());
    xml.empty("property", 3).attribute("name", "strict").attribute("value", String.valueOf(strict));
    xml.endBlock(2);
    for (CaseResult result : cases) {
      testcase(target, strict, result, xml);
    }
    xml.endBlock(1);
  }

  private static void testcase(TargetResult target, boolean strict, CaseResult result, XmlOut xml)
      throws XMLStreamException {
    xml.start("testcase", 2)
        .attribute("classname", classname(result.scenario().suite(), target))
        // the target in the name keeps several targets' files apart once a CI server merges them
        .attribute("name", result.id() + " " + result.scenario().title() + " [" + target.name() + "]")
        .attribute("time", Millis.seconds(result.durationNanos()));
    Verdict verdict = result.verdict();
    String notes = String.join("\n", result.notes());
    String failure = FailureText.report(result);
    if (isFailure(result, strict)) {
      String body = verdict == Verdict.NON_STRICT
          ? "NON-STRICT, and --strict is on:\n" + notes + (failure.isEmpty() ? "" : "\n" + failure)
          : failure.isEmpty() ? notes : failure;
      xml.start("failure", 3)
          .attribute("message", firstLine(body.isEmpty() ? VerdictStyle.label(verdict) : body))
          .attribute("type", VerdictStyle.label(verdict))
          .text(body)
          .end();
    } else if (isSkipped(result)) {
      xml.empty("skipped", 3)
          .attribute("message", VerdictStyle.label(verdict) + (notes.isEmpty() ? "" : ": " + firstLine(notes)));
    }
    StringBuilder out = new StringBuilder();
    if (!notes.isEmpty()) {
      out.append(VerdictStyle.label(verdict)).append(":\n").append(notes).append("\n\n");
    }
    if (!result.rerun().isEmpty() && !isFailure(result, strict)) {
      out.append("rerun: ").append(result.rerun()).append("\n\n");
    }
    out.append("expectation: ").append(result.scenario().expectation()).append('\n');
    out.append("transcript (").append(result.transcript().size()).append(" frames, full: ")
        .append(result.id()).append(".json):\n");
    out.append(TranscriptText.of(result.transcript(), result.id() + ".json"));
    xml.start("system-out", 3).text(out.toString()).end();
    if (!result.serverLog().isEmpty()) {
      xml.start("system-err", 3).text(result.serverLog()).end();
    }
    xml.endBlock(2);
  }

  private static void abort(TargetResult target, XmlOut xml) throws XMLStreamException {
    String classname = "run" + (target.profile() == null || target.profile().isEmpty() ? "" : "." + target.profile());
    xml.start("testsuite", 1).attribute("name", classname).attribute("tests", 1).attribute("failures", 0)
        .attribute("errors", 1).attribute("skipped", 0).attribute("time", "0.000");
    xml.start("testcase", 2).attribute("classname", classname)
        .attribute("name", "run against " + target.name() + " stopped early").attribute("time", "0.000");
    xml.start("error", 3).attribute("message", firstLine(target.aborted())).attribute("type", "ABORTED")
        .text(target.aborted() + "\n\n" + target.cases().size() + " cases ran before the run stopped.")
        .end();
    xml.endBlock(2);
    xml.endBlock(1);
  }

  static boolean isFailure(CaseResult result, boolean strict) {
    return !result.verdict().acceptable(strict);
  }

  static boolean isSkipped(CaseResult result) {
    return result.verdict() == Verdict.UNIMPLEMENTED || result.verdict() == Verdict.INFORMATIONAL;
  }

  private static String classname(String suite, TargetResult target) {
    String profile = target.profile();
    return profile == null || profile.isEmpty() ? suite : suite + "." + profile;
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int end = trimmed.indexOf('\n');
    return (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
  }
}

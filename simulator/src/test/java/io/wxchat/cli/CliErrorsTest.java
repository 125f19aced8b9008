package io.wxchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Errors a user meets on the command line: exit 2 and one line that says what is wrong, pinned word for word. */
class CliErrorsTest {
  @TempDir
  Path work;

  record Outcome(int exit, String out, String err) {
  }

  static Outcome sim(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SimulatorCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  static String scenarios() {
    return Path.of(System.getProperty("scenarios.dir", "../scenarios")).toString();
  }

  @Test
  void a_report_dir_that_is_a_file_is_exit_2_before_anything_runs() throws Exception {
    // given
    Path file = Files.writeString(work.resolve("reports"), "not a folder");
    // when
    Outcome run = sim("run", "--scenarios", scenarios(), "--case", "operator.1.1", "--report-dir", file.toString());
    // then
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("wxchat-sim: --report-dir " + file + ": " + file.toAbsolutePath()
        + " is a file, not a folder" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void reports_that_cannot_be_written_after_the_run_are_exit_2_not_0() throws Exception {
    // given: the folder is fine, but the target's own folder name is taken by a file
    Path reports = Files.createDirectories(work.resolve("reports"));
    Path taken = Files.writeString(reports.resolve("reference"), "in the way");
    // when
    Outcome run = sim("run", "--scenarios", scenarios(), "--case", "operator.1.1", "--report-dir", reports.toString());
    // then
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("wxchat-sim: cannot write the reports to " + reports + ": " + taken
        + " is a file, not a folder" + System.lineSeparator());
    assertThat(run.out()).contains("PASSED").endsWith("1 passed, 0 failed" + System.lineSeparator());
  }

  @Test
  void a_suite_or_tag_no_case_has_is_exit_2_naming_the_ones_there_are() {
    // when
    Outcome suite = sim("list", "--scenarios", scenarios(), "--suite", "hardenning");
    Outcome tag = sim("run", "--scenarios", scenarios(), "--tags", "core,nosuchtag", "--report-dir",
        work.resolve("r").toString());
    // then
    assertThat(suite.exit()).isEqualTo(2);
    assertThat(suite.err()).startsWith("wxchat-sim: no suite hardenning among the cases in ")
        .contains("; the suites are: echo, faults, hardening, operator, robustness, transport, wechat");
    assertThat(tag.exit()).isEqualTo(2);
    assertThat(tag.err()).startsWith("wxchat-sim: no tag nosuchtag among the cases in ").contains("the tags are: ")
        .contains("hardening").doesNotContain("no tag core");
  }

  @Test
  void a_missing_ca_cert_says_the_file_is_missing() {
    // when
    Outcome run = sim("run", "--scenarios", scenarios(), "--target", "wss://127.0.0.1:9/", "--ca-cert",
        work.resolve("ca.pem").toString(), "--report-dir", work.resolve("r").toString());
    // then
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("wxchat-sim: --ca-cert: no such file: " + work.resolve("ca.pem")
        + System.lineSeparator());
  }

  @Test
  void proxy_and_record_say_a_missing_certificate_or_key_file_is_missing() throws Exception {
    // given
    Path cert = work.resolve("cert.pem");
    Path key = Files.writeString(work.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
    Path folder = Files.createDirectories(work.resolve("certs"));
    // when
    Outcome proxy = sim("proxy", "--listen", "0", "--upstream", "ws://127.0.0.1:9/", "--tls-cert", cert.toString(),
        "--tls-key", key.toString());
    Outcome record = sim("record", "--listen", "0", "--upstream", "wss://127.0.0.1:9/", "--ca-cert", cert.toString(),
        "--out", work.resolve("recorded").toString());
    Outcome keyFolder = sim("proxy", "--listen", "0", "--upstream", "ws://127.0.0.1:9/", "--tls-cert", key.toString(),
        "--tls-key", folder.toString());
    // then
    assertThat(proxy.exit()).isEqualTo(2);
    assertThat(proxy.err()).isEqualTo("wxchat-sim: --tls-cert: no such file: " + cert + System.lineSeparator());
    assertThat(record.exit()).isEqualTo(2);
    assertThat(record.err()).isEqualTo("wxchat-sim: --ca-cert: no such file: " + cert + System.lineSeparator());
    assertThat(keyFolder.exit()).isEqualTo(2);
    assertThat(keyFolder.err()).isEqualTo("wxchat-sim: --tls-key: " + folder + " is a folder, not a file"
        + System.lineSeparator());
  }

  @Test
  void validate_names_the_file_the_line_and_the_file_s_own_key() throws Exception {
    // given
    Path bad = Files.writeString(work.resolve("bad.yaml"), """
        id: demo.1.1
        title: t
        expectation: e
        rules: [O3]
        steps:
          - connect: alice
          - silence: {client: alice, fro: 500ms}
        """);
    // when
    Outcome validate = sim("validate", bad.toString());
    // then
    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err()).isEqualTo(bad + ":7: at /steps/1: unknown field \"fro\" in silence;"
        + " expected one of [client, for]" + System.lineSeparator());
    assertThat(validate.out()).isEqualTo("0 valid, 1 invalid" + System.lineSeparator());
  }

  @Test
  void validate_on_a_folder_without_scenarios_is_an_error_not_a_pass() throws Exception {
    // given
    Path empty = Files.createDirectories(work.resolve("empty"));
    // when
    Outcome validate = sim("validate", empty.toString());
    // then
    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err()).isEqualTo(empty + ": no scenario files here (expected .yaml, .yml or .json files)"
        + System.lineSeparator());
  }

  @Test
  void import_rejects_a_mask_that_is_not_a_regular_expression_as_record_does(@TempDir Path out) throws Exception {
    // given
    Path har = Path.of(CliErrorsTest.class.getResource("/har/devtools-session.har").toURI());
    // when
    Outcome imported = sim("import", har.toString(), "--out", out.toString(), "--mask", "([");
    Outcome recorded = sim("record", "--listen", "0", "--upstream", "ws://127.0.0.1:1/", "--out", out.toString(), "--mask", "([");
    // then
    assertThat(imported.exit()).isEqualTo(2);
    assertThat(imported.err()).isEqualTo("wxchat-sim: --mask: not a regular expression: ([ (Unclosed character class)\n");
    assertThat(imported.err()).isEqualTo(recorded.err());
    assertThat(out).isEmptyDirectory();
  }
}

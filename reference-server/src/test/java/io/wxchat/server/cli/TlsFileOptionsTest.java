package io.wxchat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A TLS option naming a file that is not there says so, before any socket opens. */
class TlsFileOptionsTest {
  @TempDir
  Path work;

  @Test
  void a_missing_tls_cert_says_the_file_is_missing() {
    // given
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true));
    Path cert = work.resolve("cert.pem");
    // when
    int exit = cli.execute("--port", "0", "--tls-cert", cert.toString(), "--tls-key", work.resolve("key.pem").toString());
    // then
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines().findFirst()).hasValue("--tls-cert: no such file: " + cert);
  }
}

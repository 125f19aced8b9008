package io.wxchat.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Profile;
import io.wxchat.scenario.Scenario;
import io.wxchat.server.ReferenceServer;
import io.wxchat.server.TlsSettings;
import io.wxchat.session.ClientTls;
import io.wxchat.targets.UrlTarget;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WeChat connects only with wss:// in production, so the suites run over TLS too. */
class WssTargetIT {
  private static final String PASSWORD = "changeit";
  @TempDir
  static Path dir;
  static Path keystore;
  static Path certificate;

  @BeforeAll
  static void generateASelfSignedCertificate() throws Exception {
    keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    certificate = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(store.getCertificate("server").getEncoded())
        + "\n-----END CERTIFICATE-----\n");
  }

  private static List<Scenario> cases() {
    // the raw-socket cases speak ws:// only; these use the ordinary client
    return Suites.all().stream().filter(s -> s.id().startsWith("operator.1.") || s.id().equals("wechat.1.1")).toList();
  }

  @Test
  void a_wss_server_passes_when_its_certificate_is_trusted() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.tls(TlsSettings.keystore(keystore, PASSWORD)))
        .start()) {
      RunOptions options = new RunOptions(Profile.OPERATOR, 8, true, dir.resolve("trusted"),
          ClientTls.trusting(certificate));

      RunResult run = new ConformanceRunner(options).run(List.of(new UrlTarget(server.uri(), null)), cases(),
          Progress.SILENT);

      assertThat(server.uri().getScheme()).isEqualTo("wss");
      TargetResult target = run.targets().get(0);
      assertThat(target.count(Verdict.PASSED)).as(Suites.problems(run)).isEqualTo(cases().size());
    }
  }

  @Test
  void an_untrusted_certificate_fails_the_connection_and_says_so() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.tls(TlsSettings.keystore(keystore, PASSWORD)))
        .start()) {
      RunOptions options = new RunOptions(Profile.OPERATOR, 8, false, dir.resolve("untrusted"));

      RunResult run = new ConformanceRunner(options).run(List.of(new UrlTarget(server.uri(), null)), cases(),
          Progress.SILENT);

      TargetResult target = run.targets().get(0);
      assertThat(target.count(Verdict.FAILED)).isEqualTo(cases().size());
      assertThat(target.cases().get(0).failure()).contains("cannot connect");
    }
  }
}

package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIT {
  /** A bound, not a measurement: the first handshake of a cold JVM on a loaded CI machine took over 5 s once. */
  private static final Duration TLS_CONNECT = Duration.ofSeconds(30);

  private static final String PASSWORD = "changeit";
  @TempDir
  static Path dir;
  static Path keystore;
  static Path certPem;
  static Path keyPem;
  static HttpClient trusting;

  @BeforeAll
  static void generateATestCertificate() throws Exception {
    keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    Certificate cert = store.getCertificate("server");
    Key key = store.getKey("server", PASSWORD.toCharArray());
    certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
    keyPem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    trusting = HttpClient.newBuilder().sslContext(context).build();
  }

  @Test
  void a_pkcs12_keystore_serves_wss() {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.tls(TlsSettings.keystore(keystore, PASSWORD)))
        .start();
         RecordingClient client = RecordingClient.connect(trusting, server.uri(), TLS_CONNECT)) {
      assertThat(server.uri().getScheme()).isEqualTo("wss");
      client.send("你好");
      assertThat(client.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
    }
  }

  @Test
  void an_operator_push_reaches_every_wss_client() {
    // a push is one frame shared by all clients as read-only views: the TLS write path takes them too
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.tls(TlsSettings.keystore(keystore, PASSWORD)))
        .start();
         RecordingClient alice = RecordingClient.connect(trusting, server.uri(), TLS_CONNECT);
         RecordingClient bob = RecordingClient.connect(trusting, server.uri(), TLS_CONNECT)) {
      alice.send("你好");
      assertThat(alice.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
      bob.send("你好");
      assertThat(bob.takeJson().get("content").asText()).isEqualTo(ChatProtocolIT.AUTO_REPLY);
      // when
      String line = "客服：" + "您好".repeat(10_000); // 60 KB, past one TLS record
      server.say(line);
      // then
      assertThat(alice.takeJson().get("content").asText()).isEqualTo(line);
      assertThat(bob.takeJson().get("content").asText()).isEqualTo(line);
    }
  }

  @Test
  void a_pem_certificate_and_key_serve_wss() {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.tls(TlsSettings.pem(certPem, keyPem))
        .mode(Mode.ECHO)).start();
         RecordingClient client = RecordingClient.connect(trusting, server.uri(), TLS_CONNECT)) {
      client.send("安全");
      assertThat(client.takeJson().get("content").asText()).isEqualTo("服务器回复:安全");
    }
  }

  @Test
  void a_key_in_the_wrong_pem_format_names_the_conversion_to_make() throws Exception {
    Path rsa = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> ReferenceServer.create(cfg -> cfg.tls(TlsSettings.pem(certPem, rsa))).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TLS: " + rsa + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----);"
            + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + rsa + " -out key.pkcs8.pem");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}

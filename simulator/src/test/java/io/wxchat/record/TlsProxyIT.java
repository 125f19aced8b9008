package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.server.ReferenceServer;
import io.wxchat.server.TlsSettings;
import io.wxchat.session.ClientOptions;
import io.wxchat.session.ClientSession;
import io.wxchat.session.ClientSessions;
import io.wxchat.session.ClientTls;
import io.wxchat.session.Transcript;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on both sides: the proxy listens on wss:// (PEM files) and forwards to a wss:// upstream it trusts. */
class TlsProxyIT {
  private static final String PASSWORD = "changeit";
  @TempDir
  Path dir;

  @Test
  void a_wss_client_reaches_a_wss_server_through_a_tls_proxy() throws Exception {
    // given: one self-signed certificate for 127.0.0.1, as a keystore and as PEM files
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    Path cert = pem(dir.resolve("cert.pem"), "CERTIFICATE", store.getCertificate("server").getEncoded());
    Key key = store.getKey("server", PASSWORD.toCharArray());
    Path keyFile = pem(dir.resolve("key.pem"), "PRIVATE KEY", key.getEncoded());
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.tls(TlsSettings.keystore(keystore, PASSWORD))).start();
         WireProxy proxy = WireProxy.to(server.uri()).upstreamTrust(ClientTls.trusting(cert))
             .listenTls(ServerKeys.fromPem(cert, keyFile)).start()) {
      // when
      ClientSession alice = ClientSessions.open(proxy.uri(), "alice", new ClientOptions("/", Map.of(), List.of(), false,
          Duration.ofSeconds(5)), new Transcript(), ClientTls.trusting(cert));
      alice.send("你好");
      // then
      assertThat(proxy.uri().getScheme()).isEqualTo("wss");
      assertThat(server.uri().getScheme()).isEqualTo("wss");
      assertThat(Clients.text(alice)).contains("[自动回复]");
      alice.close();
    }
  }

  private static Path pem(Path file, String type, byte[] der) throws Exception {
    return Files.writeString(file, "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n");
  }
}

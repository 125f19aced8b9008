package io.wxchat.server.internal;

import io.wxchat.server.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's {@link SSLContext} from {@link TlsSettings}; every failure says what to fix. */
final class TlsContext {
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----(.+?)-----END PRIVATE KEY-----", Pattern.DOTALL);
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "EdDSA");

  private TlsContext() {
  }

  static SSLContext create(TlsSettings tls) {
    try {
      KeyStore store = tls.keystore().isPresent()
          ? loadPkcs12(tls.keystore().get(), tls.password())
          : fromPem(tls.certificate().orElseThrow(), tls.privateKey().orElseThrow());
      char[] password = tls.keystore().isPresent() ? tls.password() : new char[0];
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS: cannot use " + tls + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore loadPkcs12(Path file, char[] password) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
      return store;
    } catch (IOException e) {
      throw new IllegalArgumentException("TLS: cannot read keystore " + file + ": " + e.getMessage()
          + " (expected a PKCS#12 file and its password)", e);
    }
  }

  private static KeyStore fromPem(Path certificateFile, Path keyFile) throws GeneralSecurityException {
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(certificateFile)) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS: cannot read certificate " + certificateFile + ": "
          + e.getMessage() + " (expected PEM: -----BEGIN CERTIFICATE-----)", e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("TLS: no certificate in " + certificateFile
          + " (expected PEM: -----BEGIN CERTIFICATE-----)");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create an empty keystore", e);
    }
    store.setKeyEntry("server", readKey(keyFile), new char[0], chain.toArray(Certificate[]::new));
    return store;
  }

  private static PrivateKey readKey(Path keyFile) {
    String pem;
    try {
      pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("TLS: cannot read private key " + keyFile + ": " + e.getMessage(), e);
    }
    Matcher match = PKCS8.matcher(pem);
    if (!match.find()) {
      throw new IllegalArgumentException("TLS: " + keyFile + " holds no unencrypted PKCS#8 key"
          + " (-----BEGIN PRIVATE KEY-----); convert it with:"
          + " openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out key.pkcs8.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(match.group(1));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisAlgorithm) {
        // try the next one
      }
    }
    throw new IllegalArgumentException("TLS: the key in " + keyFile + " is not RSA, EC or Ed25519");
  }
}

package io.wxchat.record;

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
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS identity a proxy listens with, from PEM files as {@code openssl} or {@code mkcert} write
 * them: {@code ServerKeys.fromPem(Path.of("cert.pem"), Path.of("key.pem"))}.
 */
public final class ServerKeys {
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----(.+?)-----END PRIVATE KEY-----", Pattern.DOTALL);

  private ServerKeys() {
  }

  /** A certificate chain and its unencrypted PKCS#8 key; a bad file is an exception that says what to pass. */
  public static SSLContext fromPem(Path certificate, Path key) {
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(certificate)) {
      chain = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("--tls-cert: cannot read " + certificate + ": " + e.getMessage()
          + " (expected PEM: -----BEGIN CERTIFICATE-----)", e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("--tls-cert: no certificate in " + certificate);
    }
    String pem;
    try {
      pem = Files.readString(key, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("--tls-key: cannot read " + key + ": " + e.getMessage(), e);
    }
    Matcher match = PKCS8.matcher(pem);
    if (!match.find()) {
      throw new IllegalArgumentException("--tls-key: " + key + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE"
          + " KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + key);
    }
    byte[] der = Base64.getMimeDecoder().decode(match.group(1));
    try {
      PrivateKey privateKey = null;
      for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
        try {
          privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
          break;
        } catch (GeneralSecurityException wrongAlgorithm) {
          // try the next
        }
      }
      if (privateKey == null) {
        throw new IllegalArgumentException("--tls-key: " + key + " is not an RSA, EC or Ed25519 key");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("proxy", privateKey, new char[0], chain.toArray(Certificate[]::new));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("TLS: cannot use " + certificate + " with " + key + ": " + e.getMessage(), e);
    }
  }
}

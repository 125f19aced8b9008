package io.wxchat.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS trust for {@code wss://} targets whose certificate is not publicly trusted, as in local
 * testing: {@code ClientTls.trusting(Path.of("cert.pem"))}. Without it the JVM's trust store applies.
 */
public final class ClientTls {
  private ClientTls() {
  }

  /** Trusts the certificates in a PEM file (the server's own, or the CA that signed it). */
  public static SSLContext trusting(Path pem) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pem)) {
      certificates = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the certificate " + pem + ": " + e.getMessage()
          + " (expected PEM: -----BEGIN CERTIFICATE-----)", e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificate in " + pem + " (expected PEM: -----BEGIN CERTIFICATE-----)");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("trusted-" + n++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store from " + pem + ": " + e.getMessage(), e);
    }
  }
}

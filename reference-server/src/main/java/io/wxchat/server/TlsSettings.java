package io.wxchat.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server's TLS certificate comes from: a PEM pair or a PKCS#12 keystore.
 *
 * <pre>{@code TlsSettings.pem(Path.of("cert.pem"), Path.of("key.pem"))}</pre>
 */
public final class TlsSettings {
  private final Path certificate;
  private final Path privateKey;
  private final Path keystore;
  private final char[] password;

  private TlsSettings(Path certificate, Path privateKey, Path keystore, char[] password) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.keystore = keystore;
    this.password = password;
  }

  /** A PEM certificate chain and an unencrypted PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}). */
  public static TlsSettings pem(Path certificateChain, Path privateKey) {
    return new TlsSettings(Objects.requireNonNull(certificateChain, "certificateChain"),
        Objects.requireNonNull(privateKey, "privateKey"), null, null);
  }

  /** A PKCS#12 keystore ({@code .p12} / {@code .pfx}) holding one key entry. */
  public static TlsSettings keystore(Path pkcs12, String password) {
    return new TlsSettings(null, null, Objects.requireNonNull(pkcs12, "pkcs12"),
        password == null ? new char[0] : password.toCharArray());
  }

  public Optional<Path> certificate() {
    return Optional.ofNullable(certificate);
  }

  public Optional<Path> privateKey() {
    return Optional.ofNullable(privateKey);
  }

  public Optional<Path> keystore() {
    return Optional.ofNullable(keystore);
  }

  public char[] password() {
    return password == null ? new char[0] : password.clone();
  }

  @Override
  public String toString() {
    return keystore != null ? "keystore " + keystore : "pem " + certificate + " + " + privateKey;
  }
}

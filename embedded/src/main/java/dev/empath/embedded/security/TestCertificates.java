package dev.empath.embedded.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority and one server certificate it signed, for {@code 127.0.0.1}
 * and {@code localhost}, written as the files each server and client wants: PKCS12 key and trust
 * stores (Kafka, the JDK, Micronaut) and PEM files (redis-server).
 *
 * <p>Made with Bouncy Castle, which the caller brings (an optional dependency of this module).
 */
public final class TestCertificates {

  private static final Duration VALIDITY = Duration.ofDays(2);
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final String ALIAS = "server";

  private final Path dir;
  private final String password;

  private TestCertificates(Path dir, String password) {
    this.dir = dir;
    this.password = password;
  }

  /** Writes a new CA and server certificate into {@code dir}. */
  public static TestCertificates create(Path dir) {
    String password = "pw-" + Long.toHexString(new SecureRandom().nextLong());
    try {
      Files.createDirectories(dir);
      KeyPair caKeys = keyPair();
      X500Name caName = new X500Name("CN=empath-test-ca");
      X509Certificate ca = caCertificate(caName, caKeys);
      KeyPair serverKeys = keyPair();
      X509Certificate server = serverCertificate(caName, caKeys, serverKeys);
      TestCertificates certificates = new TestCertificates(dir, password);
      certificates.write(ca, server, serverKeys);
      return certificates;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("could not make test certificates", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write test certificates to " + dir, e);
    }
  }

  /** The server's key and certificate chain (PKCS12, {@link #password()}). */
  public Path keystore() {
    return dir.resolve("server.p12");
  }

  /** The CA certificate as the one trusted entry (PKCS12, {@link #password()}). */
  public Path truststore() {
    return dir.resolve("truststore.p12");
  }

  /** Password of both stores and of the server key inside the keystore. */
  public String password() {
    return password;
  }

  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  public Path serverCertificatePem() {
    return dir.resolve("server.pem");
  }

  public Path serverKeyPem() {
    return dir.resolve("server.key");
  }

  /** A TLS context trusting only the CA, for clients built by hand. */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(truststore())) {
        trust.load(in, password.toCharArray());
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not build a TLS context", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(X509Certificate ca, X509Certificate server, KeyPair serverKeys)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        ALIAS, serverKeys.getPrivate(), password.toCharArray(), new Certificate[] {server, ca});
    store(keys, keystore());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    store(trust, truststore());
    pem(ca, caPem());
    pem(server, serverCertificatePem());
    // PKCS#8 ("BEGIN PRIVATE KEY"): OpenSSL 3, which redis-server links, decodes it.
    pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null), serverKeyPem());
  }

  private void store(KeyStore store, Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
  }

  private static void pem(Object object, Path file) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    Files.writeString(file, text.toString());
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate caCertificate(X500Name name, KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder builder = builder(name, name, keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(builder, keys);
  }

  private static X509Certificate serverCertificate(X500Name issuer, KeyPair caKeys, KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder builder = builder(issuer, new X500Name("CN=localhost"), keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    // Clients verify the host name: the servers listen on 127.0.0.1, some clients say localhost.
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")
            }));
    return sign(builder, caKeys);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException, OperatorCreationException {
    ContentSigner signerContent = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signerContent));
  }
}

package dev.empath.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An {@link SSLContext} that trusts the certificates of one truststore file. */
final class Truststores {

  private Truststores() {}

  static SSLContext sslContext(Path location, String password, String type) {
    String storeType = type == null || type.isBlank() ? KeyStore.getDefaultType() : type;
    KeyStore store;
    try (InputStream in = Files.newInputStream(location)) {
      store = KeyStore.getInstance(storeType);
      store.load(in, password == null ? null : password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new SchemaRegistryException(
          "cannot read the schema registry truststore "
              + location
              + " (type "
              + storeType
              + "): "
              + describe(e));
    }
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new SchemaRegistryException(
          "cannot trust the certificates of " + location + ": " + describe(e));
    }
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

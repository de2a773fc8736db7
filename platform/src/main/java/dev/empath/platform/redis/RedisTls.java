package dev.empath.platform.redis;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities a {@code rediss://} connection trusts: the JDK's, or the truststore
 * named by {@code redis.ssl.truststore.location} (a CA of the deployment's own).
 *
 * @param truststore empty: the JDK's default trust
 */
public record RedisTls(Optional<Path> truststore, String password, String type) {

  public static final RedisTls JDK_DEFAULT = new RedisTls(Optional.empty(), "", "PKCS12");

  public static RedisTls from(EmpathConfig config) {
    return of(
        config.find(PlatformConfigKeys.REDIS_TRUSTSTORE).orElse(null),
        config.find(PlatformConfigKeys.REDIS_TRUSTSTORE_PASSWORD).orElse(""),
        config.get(PlatformConfigKeys.REDIS_TRUSTSTORE_TYPE));
  }

  /** From settings that may be blank (a Micronaut property without value). */
  public static RedisTls of(String location, String password, String type) {
    return location == null || location.isBlank()
        ? JDK_DEFAULT
        : new RedisTls(
            Optional.of(Path.of(location)),
            password == null ? "" : password,
            type == null || type.isBlank() ? "PKCS12" : type);
  }

  /** The socket factory for TLS connections, or empty for the JDK's default one. */
  public Optional<SSLSocketFactory> socketFactory() {
    if (truststore.isEmpty()) {
      return Optional.empty();
    }
    Path file = truststore.get();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return Optional.of(context.getSocketFactory());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read Redis truststore " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not load Redis truststore " + file + ": " + e, e);
    }
  }
}

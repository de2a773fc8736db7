package dev.empath.platform.topics;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import dev.empath.schemas.registry.SchemaRegistryClient;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicPartitions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic catalog of a service, from its configuration: the one way every service, the
 * simulator's publishers and the local stack get theirs.
 *
 * <p>Names carry {@code empath.topic.prefix}. With {@code schema.registry.url} set, {@code
 * empath.proto} is registered under {@code <topic>-value} for every contract topic before this
 * returns, and values are written in the Confluent wire format with those ids; without it, as plain
 * protobuf. Readers accept both either way.
 */
public final class Catalogs {

  /** Confluent's {@code basic.auth.user.info}: {@code user:password} for HTTP basic auth. */
  public static final String BASIC_AUTH_USER_INFO =
      PlatformConfigKeys.SCHEMA_REGISTRY_BASIC_AUTH.name();

  /** Confluent's {@code bearer.auth.token}: a static bearer token. */
  public static final String BEARER_AUTH_TOKEN =
      PlatformConfigKeys.SCHEMA_REGISTRY_BEARER_TOKEN.name();

  /** A truststore for a registry whose certificate the JDK's CAs do not vouch for. */
  public static final String TRUSTSTORE_LOCATION =
      PlatformConfigKeys.SCHEMA_REGISTRY_TRUSTSTORE.name();

  public static final String TRUSTSTORE_PASSWORD =
      PlatformConfigKeys.SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD.name();

  /** {@code PKCS12} or {@code JKS}; default the JDK's ({@code PKCS12}). */
  public static final String TRUSTSTORE_TYPE =
      PlatformConfigKeys.SCHEMA_REGISTRY_TRUSTSTORE_TYPE.name();

  /** Connect and request timeout of registry calls, in milliseconds; default 10000. */
  public static final String TIMEOUT_MS = PlatformConfigKeys.SCHEMA_REGISTRY_TIMEOUT_MS.name();

  private static final Logger log = LoggerFactory.getLogger(Catalogs.class);

  private Catalogs() {}

  /**
   * The catalog {@code config} describes.
   *
   * @throws dev.empath.schemas.registry.SchemaRegistryException when a configured registry is
   *     unreachable, refuses the registration or is configured wrongly; its message names the URL
   *     and the HTTP status and is meant for the user as it is
   */
  public static TopicCatalog from(EmpathConfig config) {
    TopicCatalog catalog = topics(config);
    Optional<SchemaRegistryClient> registry = registry(config);
    if (registry.isEmpty()) {
      return catalog;
    }
    TopicCatalog registered = catalog.withRegistry(registry.get());
    log.info(
        "schema registry {}: empath.proto registered, ids by subject {}",
        registry.get().baseUrl(),
        registry.get().registeredSubjects());
    return registered;
  }

  /**
   * The deployment's topics without the registry: names under {@code empath.topic.prefix},
   * partition counts from {@code empath.topic.partitions} and its per-topic members.
   */
  public static TopicCatalog topics(EmpathConfig config) {
    return TopicCatalog.of(
        config.topicPrefix(),
        new TopicPartitions(config.topicPartitions(), config::topicPartitions));
  }

  /** A client for the configured registry, if {@code schema.registry.url} is set. */
  public static Optional<SchemaRegistryClient> registry(EmpathConfig config) {
    Optional<String> url = config.schemaRegistryUrl();
    if (url.isEmpty()) {
      List<String> orphans =
          List.of(BASIC_AUTH_USER_INFO, BEARER_AUTH_TOKEN, TRUSTSTORE_LOCATION).stream()
              .filter(key -> config.find(key).isPresent())
              .toList();
      if (!orphans.isEmpty()) {
        log.warn(
            "{} set without {}: no registry is used", orphans, EmpathConfig.SCHEMA_REGISTRY_URL);
      }
      return Optional.empty();
    }
    SchemaRegistryClient.Builder builder =
        SchemaRegistryClient.builder(url.get())
            .timeout(Duration.ofMillis(config.getLong(TIMEOUT_MS, 10_000)));
    config.find(BASIC_AUTH_USER_INFO).ifPresent(builder::basicAuth);
    config.find(BEARER_AUTH_TOKEN).ifPresent(builder::bearerToken);
    config
        .find(TRUSTSTORE_LOCATION)
        .ifPresent(
            location ->
                builder.truststore(
                    Path.of(location),
                    config.find(TRUSTSTORE_PASSWORD).orElse(null),
                    config.find(TRUSTSTORE_TYPE).orElse(null)));
    return Optional.of(builder.build());
  }
}

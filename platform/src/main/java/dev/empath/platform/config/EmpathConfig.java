package dev.empath.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one place a service reads its configuration.
 *
 * <p>Sources, later ones winning: built-in defaults, a properties file, environment variables, then
 * JVM system properties. A key such as {@code kafka.bootstrap.servers} is found in the environment
 * as {@code KAFKA_BOOTSTRAP_SERVERS} (upper case, dots and dashes as underscores). Keys under
 * {@code kafka.client.} are handed to every Kafka client unchanged, minus the prefix (e.g. {@code
 * kafka.client.security.protocol=SASL_SSL}), so a cluster's security settings need no code.
 */
public final class EmpathConfig {

  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String REDIS_URL = "redis.url";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String TOPIC_PREFIX = "empath.topic.prefix";
  public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

  /** Optional path of a properties file, itself readable from the environment. */
  public static final String CONFIG_FILE = "empath.config.file";

  private static final Map<String, String> DEFAULTS =
      Map.of(KAFKA_BOOTSTRAP_SERVERS, "localhost:9092", REDIS_URL, "redis://localhost:6379");

  private final Map<String, String> values;

  private EmpathConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Defaults, then the file named by {@code empath.config.file}, env and system properties. */
  public static EmpathConfig load() {
    return load(System.getenv(), System.getProperties());
  }

  static EmpathConfig load(Map<String, String> env, Properties systemProperties) {
    Map<String, String> merged = new HashMap<>(DEFAULTS);
    String file =
        Optional.ofNullable(systemProperties.getProperty(CONFIG_FILE))
            .orElse(env.get(toEnvName(CONFIG_FILE)));
    if (file != null) {
      merged.putAll(readFile(Path.of(file)));
    }
    // Environment: known keys by their env name, plus anything under EMPATH_ / KAFKA_CLIENT_.
    for (Map.Entry<String, String> e : env.entrySet()) {
      String key = fromEnvName(e.getKey());
      if (merged.containsKey(key)
          || key.startsWith("empath.")
          || key.startsWith(KAFKA_CLIENT_PREFIX)) {
        merged.put(key, e.getValue());
      }
    }
    for (String name : DEFAULTS.keySet()) {
      Optional.ofNullable(env.get(toEnvName(name))).ifPresent(v -> merged.put(name, v));
    }
    Optional.ofNullable(env.get(toEnvName(SCHEMA_REGISTRY_URL)))
        .ifPresent(v -> merged.put(SCHEMA_REGISTRY_URL, v));
    systemProperties
        .stringPropertyNames()
        .forEach(name -> merged.put(name, systemProperties.getProperty(name)));
    return new EmpathConfig(merged);
  }

  /** A configuration from explicit values over the defaults (tests, embedded stacks). */
  public static EmpathConfig of(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(DEFAULTS);
    merged.putAll(overrides);
    return new EmpathConfig(merged);
  }

  /** A copy with {@code key} set. */
  public EmpathConfig with(String key, String value) {
    Map<String, String> copy = new HashMap<>(values);
    copy.put(key, value);
    return new EmpathConfig(copy);
  }

  /** Every value, for frameworks that take configuration as a map (query-api's Micronaut). */
  public Map<String, String> asMap() {
    return values;
  }

  public Optional<String> find(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
  }

  public String get(String key, String defaultValue) {
    return find(key).orElse(defaultValue);
  }

  public String require(String key) {
    return find(key)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "missing configuration "
                        + key
                        + " (set it in the config file, as env "
                        + toEnvName(key)
                        + " or as -D"
                        + key
                        + ")"));
  }

  public int getInt(String key, int defaultValue) {
    return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(defaultValue);
  }

  public long getLong(String key, long defaultValue) {
    return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(defaultValue);
  }

  public double getDouble(String key, double defaultValue) {
    return find(key).map(v -> parse(key, v, Double::parseDouble)).orElse(defaultValue);
  }

  public String kafkaBootstrapServers() {
    return require(KAFKA_BOOTSTRAP_SERVERS);
  }

  public String redisUrl() {
    return require(REDIS_URL);
  }

  public Optional<String> schemaRegistryUrl() {
    return find(SCHEMA_REGISTRY_URL);
  }

  /**
   * Port of a worker process's operations endpoint ({@code /metrics}, {@code /health}); {@code
   * empath.ops.port}, default 9464 (Prometheus exporters' usual port); negative turns it off.
   */
  public int opsPort() {
    return getInt("empath.ops.port", 9464);
  }

  public String topicPrefix() {
    return get(TOPIC_PREFIX, "");
  }

  /** Settings under {@code kafka.client.}, prefix removed, for every Kafka client. */
  public Map<String, String> kafkaClientOverrides() {
    Map<String, String> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(KAFKA_CLIENT_PREFIX)) {
            out.put(k.substring(KAFKA_CLIENT_PREFIX.length()), v);
          }
        });
    return out;
  }

  public static String toEnvName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static String fromEnvName(String env) {
    return env.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static Map<String, String> readFile(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration file " + path, e);
    }
    Map<String, String> out = new HashMap<>();
    properties.stringPropertyNames().forEach(n -> out.put(n, properties.getProperty(n).trim()));
    return out;
  }

  private static <T> T parse(String key, String value, java.util.function.Function<String, T> f) {
    try {
      return f.apply(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("configuration " + key + " is not a number: " + value, e);
    }
  }
}

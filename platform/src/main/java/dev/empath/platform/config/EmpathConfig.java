package dev.empath.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a service reads its configuration.
 *
 * <p>Sources, later ones winning: declared defaults, the properties file named by {@code
 * empath.config.file}, environment variables, then JVM system properties ({@code -D}). Every key is
 * looked up in the environment under its own environment name (upper case, {@code .} and {@code -}
 * as {@code _}: {@code empath.llm.route.purpose.npc_line} is {@code
 * EMPATH_LLM_ROUTE_PURPOSE_NPC_LINE}), so no environment name is ever turned back into a key. The
 * one exception is {@code kafka.client.*}, whose members no code names: every {@code
 * KAFKA_CLIENT_<PROPERTY>} is the Kafka property {@code <property>} in lower case with {@code _} as
 * {@code .}. A value set but blank counts as unset.
 *
 * <p>Keys are declared as {@link ConfigKey}s in groups ({@link ConfigKeys}), which the typed
 * lookups parse and check, and which {@code docs/configuration.md} is generated from.
 */
public final class EmpathConfig {

  public static final String KAFKA_BOOTSTRAP_SERVERS =
      PlatformConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name();
  public static final String REDIS_URL = PlatformConfigKeys.REDIS_URL.name();
  public static final String SCHEMA_REGISTRY_URL = PlatformConfigKeys.SCHEMA_REGISTRY_URL.name();
  public static final String TOPIC_PREFIX = PlatformConfigKeys.TOPIC_PREFIX.name();
  public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

  /** Optional path of a properties file, itself readable from the environment. */
  public static final String CONFIG_FILE = PlatformConfigKeys.CONFIG_FILE.name();

  private static final Logger log = LoggerFactory.getLogger(EmpathConfig.class);

  private static final String KAFKA_CLIENT_ENV_PREFIX = "KAFKA_CLIENT_";

  /** Defaults of the untyped lookups, for the keys that have always had one. */
  private static final Map<String, String> DEFAULTS =
      Map.of(KAFKA_BOOTSTRAP_SERVERS, "localhost:9092", REDIS_URL, "redis://localhost:6379");

  /** Values given in code ({@link #of}, {@link #with}): above every other source. */
  private final Map<String, String> explicit;

  private final Map<String, String> system;

  /** By environment name, not by key. */
  private final Map<String, String> env;

  private final Map<String, String> file;
  private final String fileName;

  /** What has been warned about already, shared by the copies {@link #with} makes. */
  private final Set<String> warned;

  private EmpathConfig(
      Map<String, String> explicit,
      Map<String, String> system,
      Map<String, String> env,
      Map<String, String> file,
      String fileName,
      Set<String> warned) {
    this.explicit = Map.copyOf(explicit);
    this.system = Map.copyOf(system);
    this.env = Map.copyOf(env);
    this.file = Map.copyOf(file);
    this.fileName = fileName;
    this.warned = warned;
  }

  /** Defaults, then the file named by {@code empath.config.file}, env and system properties. */
  public static EmpathConfig load() {
    return load(System.getenv(), System.getProperties());
  }

  /** As {@link #load()}, from the given environment and system properties. */
  public static EmpathConfig load(Map<String, String> env, Properties systemProperties) {
    Map<String, String> system = new HashMap<>();
    systemProperties
        .stringPropertyNames()
        .forEach(n -> system.put(n, systemProperties.getProperty(n)));
    EmpathConfig withoutFile =
        new EmpathConfig(Map.of(), system, env, Map.of(), null, ConcurrentHashMap.newKeySet());
    Optional<String> file = withoutFile.find(PlatformConfigKeys.CONFIG_FILE);
    return file.map(
            f ->
                new EmpathConfig(
                    Map.of(), system, env, readFile(Path.of(f)), f, withoutFile.warned))
        .orElse(withoutFile);
  }

  /** A configuration of explicit values over the defaults only (tests, embedded stacks). */
  public static EmpathConfig of(Map<String, String> values) {
    return new EmpathConfig(
        values, Map.of(), Map.of(), Map.of(), null, ConcurrentHashMap.newKeySet());
  }

  /** A copy with {@code key} set, above every source. */
  public EmpathConfig with(String key, String value) {
    Map<String, String> copy = new HashMap<>(explicit);
    copy.put(key, value);
    return new EmpathConfig(copy, system, env, file, fileName, warned);
  }

  /** The value of a declared key, or its default. */
  public <T> T get(ConfigKey<T> key) {
    return find(key).or(key::defaultValue).orElseThrow(() -> missing(key.name()));
  }

  /**
   * The value of a declared key if it is set (under its name, or else under a former one), parsed
   * and checked.
   *
   * @throws ConfigurationException naming the key, the value and where it was set, if the value is
   *     not one the key accepts
   */
  public <T> Optional<T> find(ConfigKey<T> key) {
    Optional<Found> found = lookup(key.name());
    for (String old : key.deprecatedNames()) {
      if (found.isPresent()) {
        break;
      }
      found = lookup(old);
      found.ifPresent(f -> warnOnce(old, deprecationWarning(old, key)));
    }
    return found.filter(f -> !f.value().isBlank()).map(f -> parse(key, f));
  }

  /**
   * The values the file and code set, for a framework that reads the environment and {@code -D}
   * itself (query-api's Micronaut) but not our file.
   */
  public Map<String, String> fileAndExplicitValues() {
    Map<String, String> merged = new HashMap<>(file);
    merged.putAll(explicit);
    return merged;
  }

  public Optional<String> find(String key) {
    return lookup(key)
        .map(Found::value)
        .or(() -> Optional.ofNullable(DEFAULTS.get(key)))
        .filter(v -> !v.isBlank());
  }

  public String get(String key, String defaultValue) {
    return find(key).orElse(defaultValue);
  }

  public String require(String key) {
    return find(key).orElseThrow(() -> missing(key));
  }

  public int getInt(String key, int defaultValue) {
    return find(ConfigKey.ofInt(key, defaultValue, key)).orElse(defaultValue);
  }

  public long getLong(String key, long defaultValue) {
    return find(ConfigKey.ofLong(key, defaultValue, key)).orElse(defaultValue);
  }

  public double getDouble(String key, double defaultValue) {
    return find(ConfigKey.ofDouble(key, defaultValue, key)).orElse(defaultValue);
  }

  public String kafkaBootstrapServers() {
    return get(PlatformConfigKeys.KAFKA_BOOTSTRAP_SERVERS);
  }

  public String redisUrl() {
    return get(PlatformConfigKeys.REDIS_URL);
  }

  public Optional<String> schemaRegistryUrl() {
    return find(PlatformConfigKeys.SCHEMA_REGISTRY_URL);
  }

  /** Port of a worker process's operations endpoint; negative turns it off. */
  public int opsPort() {
    return get(PlatformConfigKeys.OPS_PORT);
  }

  public String topicPrefix() {
    return get(PlatformConfigKeys.TOPIC_PREFIX);
  }

  /** Replication factor of created topics; empty: the broker's default. */
  public Optional<Short> topicReplicationFactor() {
    return find(PlatformConfigKeys.TOPIC_REPLICATION_FACTOR).map(Integer::shortValue);
  }

  /** {@code min.insync.replicas} of created topics; empty: the broker's default. */
  public Optional<Integer> topicMinInsyncReplicas() {
    return find(PlatformConfigKeys.TOPIC_MIN_INSYNC_REPLICAS);
  }

  /** Partition count of created event topics. */
  public int topicPartitions() {
    return get(PlatformConfigKeys.TOPIC_PARTITIONS);
  }

  /** A topic's own partition count, by its name without prefix, if set. */
  public Optional<Integer> topicPartitions(String baseName) {
    return find(PlatformConfigKeys.TOPIC_PARTITIONS_OF.at(baseName));
  }

  /** Settings under {@code kafka.client.}, prefix removed, for every Kafka client. */
  public Map<String, String> kafkaClientOverrides() {
    Map<String, String> out = new TreeMap<>();
    Function<String, String> property = k -> k.substring(KAFKA_CLIENT_PREFIX.length());
    put(out, file, KAFKA_CLIENT_PREFIX, property);
    put(
        out,
        env,
        KAFKA_CLIENT_ENV_PREFIX,
        e ->
            e.substring(KAFKA_CLIENT_ENV_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.'));
    put(out, system, KAFKA_CLIENT_PREFIX, property);
    put(out, explicit, KAFKA_CLIENT_PREFIX, property);
    return out;
  }

  /**
   * Checks every key of {@code groups} that is set, and warns once about each key under {@code
   * empath.} that none of them declares although it falls under one of their namespaces (or under
   * no namespace of the project): a typo.
   *
   * @throws ConfigurationException for the first value a key does not accept
   */
  public void check(ConfigKeys... groups) {
    for (ConfigKeys group : groups) {
      group.keys().stream().filter(k -> !k.isFamily()).forEach(this::find);
    }
    for (String unknown : unknownKeys(List.of(groups))) {
      warnOnce(
          "unknown " + unknown,
          "configuration "
              + unknown
              + " is not a key this service reads (a typo?); see docs/configuration.md");
    }
  }

  /** Keys and environment names set but declared by none of {@code groups}; see {@link #check}. */
  public List<String> unknownKeys(List<ConfigKeys> groups) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> source :
        Map.of("system property", system, "file", file, "value", explicit).entrySet()) {
      source.getValue().keySet().stream()
          .filter(k -> k.startsWith("empath."))
          .filter(k -> groups.stream().noneMatch(g -> g.declaresKey(k)))
          .filter(
              k ->
                  groups.stream().anyMatch(g -> g.ownsKey(k))
                      || PlatformConfigKeys.PROJECT_NAMESPACES.stream().noneMatch(k::startsWith))
          .forEach(k -> out.add("key " + k + " (" + source.getKey() + ")"));
    }
    // Other programs' EMPATH_* variables (the launcher's) are no typo: only owned namespaces.
    env.keySet().stream()
        .filter(e -> e.startsWith("EMPATH_"))
        .filter(e -> groups.stream().noneMatch(g -> g.declaresEnv(e)))
        .filter(e -> groups.stream().anyMatch(g -> g.ownsEnv(e)))
        .forEach(e -> out.add("environment variable " + e));
    out.sort(null);
    return out;
  }

  public static String toEnvName(String key) {
    return ConfigKey.toEnvName(key);
  }

  private record Found(String value, String source) {}

  /** The first source holding {@code key}, highest first. */
  private Optional<Found> lookup(String key) {
    if (explicit.containsKey(key)) {
      return Optional.of(new Found(explicit.get(key), "set in code"));
    }
    if (system.containsKey(key)) {
      return Optional.of(new Found(system.get(key), "system property -D" + key));
    }
    String envName = toEnvName(key);
    if (env.containsKey(envName)) {
      return Optional.of(new Found(env.get(envName), "environment variable " + envName));
    }
    if (file.containsKey(key)) {
      return Optional.of(new Found(file.get(key), "file " + fileName));
    }
    return Optional.empty();
  }

  private static <T> T parse(ConfigKey<T> key, Found found) {
    try {
      return key.parse(found.value());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          key.name()
              + " "
              + e.getMessage()
              + ", was "
              + found.value()
              + " ("
              + found.source()
              + ")");
    }
  }

  private static ConfigurationException missing(String key) {
    return new ConfigurationException(
        "missing configuration "
            + key
            + " (set it in the config file, as env "
            + toEnvName(key)
            + " or as -D"
            + key
            + ")");
  }

  private static String deprecationWarning(String old, ConfigKey<?> key) {
    return "configuration key "
        + old
        + " is deprecated: set "
        + key.name()
        + " (environment "
        + key.envName()
        + ") instead";
  }

  private void warnOnce(String what, String message) {
    if (warned.add(what)) {
      log.warn(message);
    }
  }

  /** Copies the entries of {@code source} under {@code prefix}; a blank value unsets one. */
  private static void put(
      Map<String, String> out,
      Map<String, String> source,
      String prefix,
      Function<String, String> property) {
    source.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.length() > prefix.length()) {
            if (v.isBlank()) {
              out.remove(property.apply(k));
            } else {
              out.put(property.apply(k), v);
            }
          }
        });
  }

  private static Map<String, String> readFile(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException(
          "cannot read configuration file " + path + ": " + e.getClass().getSimpleName());
    }
    Map<String, String> out = new HashMap<>();
    properties.stringPropertyNames().forEach(n -> out.put(n, properties.getProperty(n).strip()));
    return out;
  }
}

package dev.empath.platform.config;

import java.util.List;

/** Keys every service reads: where Kafka, Redis and the registry are, topic names, operations. */
public final class PlatformConfigKeys {

  public static final ConfigKey<String> CONFIG_FILE =
      ConfigKey.ofString(
          "empath.config.file",
          null,
          "properties file read after the defaults and before the environment");

  public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS =
      ConfigKey.ofString(
          "kafka.bootstrap.servers", "localhost:9092", "Kafka bootstrap servers, host:port,...");

  /** The one family whose members are found by prefix, since no code names its members. */
  public static final ConfigKey<String> KAFKA_CLIENT =
      ConfigKey.ofString(
          "kafka.client.<property>",
          null,
          "any Kafka client setting, given to every producer, consumer, admin and Streams client"
              + " without the prefix (e.g. kafka.client.security.protocol=SASL_SSL)");

  public static final ConfigKey<String> KAFKA_STREAMS_STATE_DIR =
      ConfigKey.ofString(
              "kafka.streams.state.dir", null, "state directory of the Kafka Streams applications")
          .defaultText("Kafka Streams' default (java.io.tmpdir/kafka-streams)");

  public static final ConfigKey<Integer> KAFKA_STREAMS_THREADS =
      ConfigKey.ofInt(
              "kafka.streams.num.stream.threads",
              1,
              "stream threads per instance of a Streams application; each runs some of its tasks"
                  + " (one task per input partition), so more than partitions / instances idle")
          .atLeast(1);

  public static final ConfigKey<String> REDIS_URL =
      ConfigKey.ofString(
          "redis.url",
          "redis://localhost:6379",
          "Redis holding the read models: redis:// or rediss:// for one node,"
              + " redis-cluster://[user:password@]host:port,host:port (rediss-cluster:// for TLS)"
              + " for a Redis Cluster");

  public static final ConfigKey<List<String>> REDIS_CLUSTER_NODES =
      ConfigKey.ofList(
          "redis.cluster.nodes",
          "host:port,... of Redis Cluster seed nodes; set, every service uses the cluster and"
              + " redis.url gives only the user, password and TLS (rediss://)");

  public static final ConfigKey<String> REDIS_TRUSTSTORE =
      ConfigKey.ofString(
              "redis.ssl.truststore.location",
              null,
              "truststore of the CA that signed Redis's certificate, for a rediss:// redis.url")
          .defaultText("the JDK's trusted CAs");

  public static final ConfigKey<String> REDIS_TRUSTSTORE_PASSWORD =
      ConfigKey.ofString("redis.ssl.truststore.password", null, "password of that truststore");

  public static final ConfigKey<String> REDIS_TRUSTSTORE_TYPE =
      ConfigKey.ofString(
          "redis.ssl.truststore.type", "PKCS12", "type of that truststore, PKCS12 or JKS");

  public static final ConfigKey<String> SCHEMA_REGISTRY_URL =
      ConfigKey.ofString(
          "schema.registry.url",
          null,
          "Confluent-compatible schema registry; unset: plain protobuf without the registry's"
              + " framing");

  public static final ConfigKey<String> SCHEMA_REGISTRY_BASIC_AUTH =
      ConfigKey.ofString(
          "schema.registry.basic.auth.user.info",
          null,
          "user:password for the registry's HTTP basic auth (as Confluent's basic.auth.user.info)");

  public static final ConfigKey<String> SCHEMA_REGISTRY_BEARER_TOKEN =
      ConfigKey.ofString(
          "schema.registry.bearer.auth.token",
          null,
          "static bearer token for the registry (this or basic auth, not both)");

  public static final ConfigKey<String> SCHEMA_REGISTRY_TRUSTSTORE =
      ConfigKey.ofString(
          "schema.registry.ssl.truststore.location",
          null,
          "truststore for a registry whose certificate the JDK's CAs do not sign");

  public static final ConfigKey<String> SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD =
      ConfigKey.ofString(
          "schema.registry.ssl.truststore.password", null, "password of that truststore");

  public static final ConfigKey<String> SCHEMA_REGISTRY_TRUSTSTORE_TYPE =
      ConfigKey.ofString(
          "schema.registry.ssl.truststore.type",
          "PKCS12",
          "type of that truststore, PKCS12 or JKS");

  public static final ConfigKey<Integer> SCHEMA_REGISTRY_TIMEOUT_MS =
      ConfigKey.ofInt(
          "schema.registry.timeout.ms", 10_000, "connect and request timeout of registry calls");

  public static final ConfigKey<String> GROUP_INSTANCE_ID =
      ConfigKey.ofString(
          "empath.kafka.group.instance.id",
          null,
          "static group membership: every group member a service creates joins as"
              + " <id>-<group>, so an instance restarted after a crash takes its partitions back"
              + " at once instead of after the session timeout; one id per instance");

  public static final ConfigKey<String> LOG_FORMAT =
      ConfigKey.ofString(
          "empath.log.format",
          "text",
          "text, or json for one JSON object per line (read by logback at start-up from the"
              + " environment or -D, not from the file)");

  public static final ConfigKey<String> LOG_LEVEL =
      ConfigKey.ofString(
          "empath.log.level", "INFO", "root log level (read by logback, like empath.log.format)");

  public static final ConfigKey<String> LOG_KAFKA_LEVEL =
      ConfigKey.ofString(
          "empath.log.kafka.level",
          "WARN",
          "log level of the Kafka clients (read by logback, like empath.log.format)");

  public static final ConfigKey<String> TOPIC_PREFIX =
      ConfigKey.ofString(
          "empath.topic.prefix", "", "prefix of every topic name, e.g. staging. for a shadow run");

  public static final ConfigKey<Integer> TOPIC_REPLICATION_FACTOR =
      ConfigKey.ofInt(
              "empath.topic.replication.factor",
              null,
              "replication factor of the topics a service creates (and of Streams' internal"
                  + " topics); an existing topic with another one is refused")
          .defaultText("the broker's default.replication.factor")
          .require(v -> v >= 1 && v <= Short.MAX_VALUE, "must be in [1, 32767]");

  public static final ConfigKey<Integer> TOPIC_MIN_INSYNC_REPLICAS =
      ConfigKey.ofInt(
              "empath.topic.min.insync.replicas",
              null,
              "min.insync.replicas of the topics a service creates (and of Streams' internal"
                  + " topics); an existing topic with another value is refused")
          .defaultText("the broker's min.insync.replicas")
          .atLeast(1);

  public static final ConfigKey<Integer> TOPIC_PARTITIONS =
      ConfigKey.ofInt(
              "empath.topic.partitions",
              6,
              "partitions of the keyed event topics when created (behaviour, interaction, emotion,"
                  + " narrative, generation request and result, stream-emotion's baselines): the"
                  + " most instances a service can spread over; an existing topic with another"
                  + " count is refused")
          .atLeast(1);

  public static final ConfigKey<Integer> TOPIC_PARTITIONS_OF =
      ConfigKey.ofInt(
              "empath.topic.partitions.<topic>",
              null,
              "partitions of one topic when created, by its name without prefix (e.g."
                  + " empath.topic.partitions.empath.dlq.v1=12)")
          .defaultText("empath.topic.partitions for an event topic, else the catalog's count")
          .atLeast(1);

  public static final ConfigKey<Integer> OPS_PORT =
      ConfigKey.ofInt(
          "empath.ops.port",
          9464,
          "port of a worker's /metrics and /health (Prometheus exporters' usual port); negative"
              + " turns them off");

  public static final ConfigKeys KEYS =
      ConfigKeys.of(
          "platform (every service)",
          "Where Kafka, Redis and the schema registry are, how topics are named, and each worker"
              + " process's operations port.",
          List.of("empath.config.", "empath.topic.", "empath.ops.", "empath.kafka.", "empath.log."),
          CONFIG_FILE,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_CLIENT,
          KAFKA_STREAMS_STATE_DIR,
          KAFKA_STREAMS_THREADS,
          REDIS_URL,
          REDIS_CLUSTER_NODES,
          REDIS_TRUSTSTORE,
          REDIS_TRUSTSTORE_PASSWORD,
          REDIS_TRUSTSTORE_TYPE,
          SCHEMA_REGISTRY_URL,
          SCHEMA_REGISTRY_BASIC_AUTH,
          SCHEMA_REGISTRY_BEARER_TOKEN,
          SCHEMA_REGISTRY_TRUSTSTORE,
          SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD,
          SCHEMA_REGISTRY_TRUSTSTORE_TYPE,
          SCHEMA_REGISTRY_TIMEOUT_MS,
          GROUP_INSTANCE_ID,
          LOG_FORMAT,
          LOG_LEVEL,
          LOG_KAFKA_LEVEL,
          TOPIC_PREFIX,
          TOPIC_REPLICATION_FACTOR,
          TOPIC_MIN_INSYNC_REPLICAS,
          TOPIC_PARTITIONS,
          TOPIC_PARTITIONS_OF,
          OPS_PORT);

  /**
   * The namespaces under {@code empath.} that some service of the project owns. A key under {@code
   * empath.} outside all of them is a typo whichever service reads the configuration. The
   * configuration reference test in {@code cli} keeps this list equal to the groups' namespaces.
   */
  public static final List<String> PROJECT_NAMESPACES =
      List.of(
          "empath.config.",
          "empath.topic.",
          "empath.ops.",
          "empath.kafka.",
          "empath.log.",
          "empath.emotion.",
          "empath.narrative.",
          "empath.llm.",
          "empath.projector.",
          "empath.api.",
          "empath.read-model.",
          "empath.whatif.");

  private PlatformConfigKeys() {}
}

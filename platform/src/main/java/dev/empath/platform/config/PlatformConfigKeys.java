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

  public static final ConfigKey<String> REDIS_URL =
      ConfigKey.ofString("redis.url", "redis://localhost:6379", "Redis holding the read models");

  public static final ConfigKey<String> SCHEMA_REGISTRY_URL =
      ConfigKey.ofString(
          "schema.registry.url",
          null,
          "Confluent-compatible schema registry; unset: plain protobuf without the registry's"
              + " framing");

  public static final ConfigKey<String> TOPIC_PREFIX =
      ConfigKey.ofString(
          "empath.topic.prefix", "", "prefix of every topic name, e.g. staging. for a shadow run");

  public static final ConfigKey<Integer> TOPIC_REPLICATION_FACTOR =
      ConfigKey.ofInt(
              "empath.topic.replication.factor",
              null,
              "replication factor of the topics a service creates")
          .defaultText("the broker's default.replication.factor")
          .require(v -> v >= 1 && v <= Short.MAX_VALUE, "must be in [1, 32767]");

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
          List.of("empath.config.", "empath.topic.", "empath.ops."),
          CONFIG_FILE,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_CLIENT,
          KAFKA_STREAMS_STATE_DIR,
          REDIS_URL,
          SCHEMA_REGISTRY_URL,
          TOPIC_PREFIX,
          TOPIC_REPLICATION_FACTOR,
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
          "empath.emotion.",
          "empath.narrative.",
          "empath.llm.",
          "empath.projector.",
          "empath.api.",
          "empath.read-model.");

  private PlatformConfigKeys() {}
}

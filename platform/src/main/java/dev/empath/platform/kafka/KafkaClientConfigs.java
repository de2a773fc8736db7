package dev.empath.platform.kafka;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.config.PlatformConfigKeys;
import dev.empath.platform.deadletter.DeadLetterDeserializationHandler;
import dev.empath.platform.deadletter.DeadLetterProcessingHandler;
import dev.empath.platform.deadletter.DeadLetters;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka client settings shared by every service. Defaults are set with {@code putIfAbsent}, so
 * anything under {@code kafka.client.} in the configuration wins.
 */
public final class KafkaClientConfigs {

  /** Producer batch size of the Streams applications. */
  static final String STREAMS_BATCH_BYTES = String.valueOf(64 * 1024);

  /** Commit interval of the Streams applications (Kafka's exactly-once default is 100 ms). */
  static final String STREAMS_COMMIT_INTERVAL_MS = "50";

  /** Kafka's value for socket buffers sized by the operating system. */
  static final String OS_SOCKET_BUFFER = "-1";

  /**
   * Static group membership: when set, every group member a service creates joins as {@code
   * <id>-<group>}, so an instance restarted after a crash takes its partitions back at once instead
   * of waiting out the dead member's session timeout (45 s). Give each instance its own id.
   */
  public static final String GROUP_INSTANCE_ID = PlatformConfigKeys.GROUP_INSTANCE_ID.name();

  private KafkaClientConfigs() {}

  public static Properties common(EmpathConfig config, String clientId) {
    Properties props = new Properties();
    props.putAll(config.kafkaClientOverrides());
    props.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
    props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    // Socket buffers sized by the OS (TCP autotuning): with Kafka's fixed 64 KiB receive buffer,
    // large fetch responses overflowed the receive queue and waited for TCP's 200 ms
    // retransmission timeout (docs/performance.md). -1 is Kafka's value for "the OS default".
    props.putIfAbsent(CommonClientConfigs.SEND_BUFFER_CONFIG, OS_SOCKET_BUFFER);
    props.putIfAbsent(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, OS_SOCKET_BUFFER);
    return props;
  }

  /** An idempotent producer that waits for all in-sync replicas: nothing produced is lost. */
  public static Properties producer(EmpathConfig config, String clientId) {
    Properties props = common(config, clientId);
    props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return props;
  }

  /**
   * A consumer that commits nothing by itself and sees only committed transactional output: the
   * services store their own positions (or commit after processing).
   */
  public static Properties consumer(EmpathConfig config, String groupId, String clientId) {
    Properties props = common(config, clientId);
    props.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config
        .find(GROUP_INSTANCE_ID)
        .ifPresent(
            id -> props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id + "-" + groupId));
    return props;
  }

  /**
   * Kafka Streams with exactly-once v2, and records that cannot be read or processed routed to the
   * dead-letter topic instead of stopping the application.
   */
  public static Properties streams(
      EmpathConfig config, String applicationId, String deadLetterTopic) {
    Properties props = common(config, applicationId);
    props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config
        .find(GROUP_INSTANCE_ID)
        .ifPresent(
            id ->
                props.putIfAbsent(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id + "-" + applicationId));
    props.putIfAbsent(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.putIfAbsent(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    // Global stores get the same handler (Kafka 5.0's default; without it a global processor's
    // failure would stop the application).
    props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    props.putIfAbsent(DeadLetters.TOPIC_CONFIG, deadLetterTopic);
    props.putIfAbsent(DeadLetters.COMPONENT_CONFIG, applicationId);
    // Fewer, larger batches: with the 16 KiB default, per-batch work in producer and broker was
    // most of stream-emotion's CPU. Commits flush the producer, so latency is unchanged.
    props.putIfAbsent(
        StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), STREAMS_BATCH_BYTES);
    // Under exactly-once, output is readable only once its transaction commits, so the commit
    // interval sets the latency floor; 50 ms instead of Kafka's 100 ms lowers it at some cost in
    // peak throughput (docs/performance.md).
    props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, STREAMS_COMMIT_INTERVAL_MS);
    config
        .find("kafka.streams.state.dir")
        .ifPresent(dir -> props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, dir));
    props.putIfAbsent(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        String.valueOf(config.get(PlatformConfigKeys.KAFKA_STREAMS_THREADS)));
    // Changelog and repartition topics are replicated like the catalog's: a state store is only as
    // durable as its changelog.
    config
        .topicReplicationFactor()
        .ifPresent(rf -> props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, rf.toString()));
    config
        .topicMinInsyncReplicas()
        .ifPresent(
            n ->
                props.putIfAbsent(
                    StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                    n.toString()));
    return props;
  }
}

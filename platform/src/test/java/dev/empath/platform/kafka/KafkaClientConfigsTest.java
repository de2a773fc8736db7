package dev.empath.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.config.EmpathConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {

  private static final String BATCH_SIZE =
      StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);

  @Test
  void streamsProducersBatchLargerThanKafkasDefault() {
    Properties props = KafkaClientConfigs.streams(config(Map.of()), "app", "dlq");

    assertThat(props.get(BATCH_SIZE)).isEqualTo("65536");
    assertThat(new StreamsConfig(props).getProducerConfigs("client").get("batch.size"))
        .as("the setting reaches the Streams producers")
        .isEqualTo("65536");
  }

  @Test
  void theConfigurationOverridesTheBatchSize() {
    Properties props =
        KafkaClientConfigs.streams(
            config(Map.of("kafka.client." + BATCH_SIZE, "16384")), "app", "dlq");

    assertThat(props.get(BATCH_SIZE)).isEqualTo("16384");
  }

  @Test
  void streamsCommitMoreOftenThanKafkasExactlyOnceDefault() {
    Properties props = KafkaClientConfigs.streams(config(Map.of()), "app", "dlq");

    assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(50L);
  }

  @Test
  void theConfigurationOverridesTheCommitInterval() {
    Properties props =
        KafkaClientConfigs.streams(
            config(Map.of("kafka.client.commit.interval.ms", "200")), "app", "dlq");

    assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(200L);
  }

  @Test
  void everyClientLeavesSocketBuffersToTheOperatingSystem() {
    EmpathConfig config = config(Map.of());
    Properties producer = KafkaClientConfigs.producer(config, "p");
    Properties consumer = KafkaClientConfigs.consumer(config, "g", "c");
    StreamsConfig streams = new StreamsConfig(KafkaClientConfigs.streams(config, "app", "dlq"));

    assertThat(new ProducerConfig(withSerializers(producer)).getInt("send.buffer.bytes"))
        .isEqualTo(-1);
    assertThat(new ConsumerConfig(withDeserializers(consumer)).getInt("receive.buffer.bytes"))
        .isEqualTo(-1);
    assertThat(streams.getMainConsumerConfigs("app", "c", 0).get("receive.buffer.bytes"))
        .as("the setting reaches the Streams consumer")
        .isEqualTo("-1");
    assertThat(streams.getProducerConfigs("c").get("send.buffer.bytes"))
        .as("the setting reaches the Streams producer")
        .isEqualTo("-1");
  }

  @Test
  void theConfigurationOverridesTheSocketBuffers() {
    Properties consumer =
        KafkaClientConfigs.consumer(
            config(Map.of("kafka.client.receive.buffer.bytes", "1048576")), "g", "c");

    assertThat(consumer.get("receive.buffer.bytes")).isEqualTo("1048576");
  }

  private static Properties withSerializers(Properties props) {
    String serializer = ByteArraySerializer.class.getName();
    return plus(props, Map.of("key.serializer", serializer, "value.serializer", serializer));
  }

  private static Properties withDeserializers(Properties props) {
    String deserializer = ByteArrayDeserializer.class.getName();
    return plus(
        props, Map.of("key.deserializer", deserializer, "value.deserializer", deserializer));
  }

  @Test
  void streamThreadsAndInternalTopicsFollowTheDeployment() {
    Properties props =
        KafkaClientConfigs.streams(
            config(
                Map.of(
                    "kafka.streams.num.stream.threads", "4",
                    "empath.topic.replication.factor", "3",
                    "empath.topic.min.insync.replicas", "2")),
            "app",
            "dlq");

    assertThat(props)
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4")
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "3")
        .containsEntry(StreamsConfig.topicPrefix("min.insync.replicas"), "2");
    assertThat(KafkaClientConfigs.streams(config(Map.of()), "app", "dlq"))
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")
        .doesNotContainKey(StreamsConfig.REPLICATION_FACTOR_CONFIG);
  }

  private static Properties plus(Properties props, Map<String, String> more) {
    Properties p = new Properties();
    p.putAll(props);
    p.putAll(more);
    return p;
  }

  private static EmpathConfig config(Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");
    return EmpathConfig.of(values);
  }
}

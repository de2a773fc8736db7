package dev.empath.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.platform.config.EmpathConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
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

  private static EmpathConfig config(Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");
    return EmpathConfig.of(values);
  }
}

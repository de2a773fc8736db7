package dev.empath.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.TopicReader;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tests' topic reader against a real broker: every partition, committed records only. */
class TopicReaderIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @Test
  void readsEveryPartitionFromTheBeginningAndFailsSayingWhatItGot() {
    String topic = kafka.createTopic(kafka.uniqueName("reader"), 3);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 6; i++) {
        producer.send(new ProducerRecord<>(topic, i % 3, "k" + i, "v" + i));
      }
    }
    Properties config = TopicReader.committedOnly(kafka.bootstrapServers());

    try (var reader = open(config, topic)) {
      assertThat(reader.readAtLeast(6).values())
          .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5");
      assertThat(reader.readOn(Duration.ofMillis(200)).records()).hasSize(6);
    }
    try (var reader = open(config, topic)) {
      assertThat(reader.readToEnd().values()).hasSize(6);
    }
    try (var reader = open(config, topic).within(Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> reader.readAtLeast(7))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("read 6 records from " + topic)
          .hasMessageContaining("not at least 7 records");
    }
  }

  private static TopicReader<String, String> open(Properties config, String topic) {
    return TopicReader.open(config, topic, new StringDeserializer(), new StringDeserializer());
  }
}

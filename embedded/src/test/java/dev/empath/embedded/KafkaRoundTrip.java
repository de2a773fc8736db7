package dev.empath.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real-client checks shared by the embedded broker and the container tests. */
final class KafkaRoundTrip {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private KafkaRoundTrip() {}

  static void createTopic(String bootstrap, String topic) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
          .all()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /**
   * Writes one aborted and then three committed transactional records, and checks that a
   * read_committed group consumer sees exactly the committed ones.
   */
  static void transactionalRoundTrip(String bootstrap, String topic) {
    try (KafkaProducer<String, String> producer = transactionalProducer(bootstrap, topic)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k0", "aborted"));
      producer.flush();
      producer.abortTransaction();

      producer.beginTransaction();
      for (int i = 1; i <= 3; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "committed-" + i));
      }
      producer.commitTransaction();
    }

    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = groupConsumer(bootstrap, topic + "-group")) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
                return values.size() >= 3;
              });
      // Anything still in flight would show up now; aborted data must never appear.
      consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
    }
    assertThat(values).containsExactly("committed-1", "committed-2", "committed-3");
  }

  static void produce(String bootstrap, String topic, String key, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer
          .send(new ProducerRecord<>(topic, key, value))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** Reads partition 0 from the beginning without a group, until {@code expected} records. */
  static List<ConsumerRecord<String, String>> readAll(
      String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= expected;
              });
    }
    return records;
  }

  private static KafkaProducer<String, String> transactionalProducer(String bootstrap, String id) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            id + "-tx",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class));
  }

  private static KafkaConsumer<String, String> groupConsumer(String bootstrap, String groupId) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            groupId,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class));
  }
}

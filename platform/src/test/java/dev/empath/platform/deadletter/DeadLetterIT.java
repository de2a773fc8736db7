package dev.empath.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.TopicReader;
import dev.empath.platform.TestRecords;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared dead-letter mechanism against a real broker: every malformed record lands on the
 * dead-letter topic with its original bytes and reason, every valid one is processed, whether the
 * reader is a Streams app under exactly-once or a plain consumer.
 */
class DeadLetterIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @TempDir Path stateDir;

  @Test
  void streamsAppUnderExactlyOnceDeadLettersMalformedRecordsAndKeepsGoing() throws Exception {
    TopicCatalog catalog = TopicCatalog.withPrefix(kafka.uniqueName("dlq-streams") + ".");
    String out = catalog.emotion().name(); // any session-keyed topic will do as the sink
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(catalog.all());
    EmpathConfig config = config();
    List<TestRecords.Raw> mixed = TestRecords.mixed(30);
    publish(config, catalog.behavior().name(), mixed);

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            catalog.behavior().name(),
            Consumed.with(catalog.behavior().keySerde(), catalog.behavior().valueSerde()))
        .to(out, Produced.with(catalog.behavior().keySerde(), catalog.behavior().valueSerde()));
    Properties props =
        KafkaClientConfigs.streams(config, kafka.uniqueName("app"), catalog.deadLetter().name());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();

      List<ConsumerRecord<byte[], byte[]>> passed = readCommitted(config, out, 30);
      List<ConsumerRecord<byte[], byte[]>> dead =
          readCommitted(config, catalog.deadLetter().name(), invalid(mixed).size());

      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(passed.stream().map(r -> parse(r.value())))
          .containsExactlyInAnyOrderElementsOf(
              mixed.stream().filter(TestRecords.Raw::valid).map(r -> parse(r.value())).toList());
      assertDeadLetters(dead, invalid(mixed), catalog.behavior().name());
    }
  }

  @Test
  void plainConsumerDeadLettersThroughThePublisher() throws Exception {
    TopicCatalog catalog = TopicCatalog.withPrefix(kafka.uniqueName("dlq-plain") + ".");
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(catalog.all());
    EmpathConfig config = config();
    List<TestRecords.Raw> mixed = TestRecords.mixed(12);
    publish(config, catalog.behavior().name(), mixed);

    List<PlayerBehaviorData> decoded = new ArrayList<>();
    try (var producer =
            new KafkaProducer<>(
                KafkaClientConfigs.producer(config, "dlq"),
                Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        var consumer =
            new KafkaConsumer<>(
                KafkaClientConfigs.consumer(config, kafka.uniqueName("g"), "plain"),
                Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer())) {
      DeadLetterPublisher publisher =
          new DeadLetterPublisher(producer, catalog.deadLetter().name(), "plain-consumer");
      consumer.subscribe(List.of(catalog.behavior().name()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                  publisher
                      .decodeOrDeadLetter(record, catalog.behavior().valueSerde().deserializer())
                      .ifPresent(decoded::add);
                }
                return decoded.size() >= 12;
              });
      producer.flush();
    }

    assertThat(decoded).hasSize(12);
    List<ConsumerRecord<byte[], byte[]>> dead =
        readCommitted(config, catalog.deadLetter().name(), invalid(mixed).size());
    assertDeadLetters(dead, invalid(mixed), catalog.behavior().name());
    assertThat(dead)
        .allSatisfy(
            r -> assertThat(DeadLetters.read(r).getComponent()).isEqualTo("plain-consumer"));
  }

  private static void assertDeadLetters(
      List<ConsumerRecord<byte[], byte[]>> dead, List<TestRecords.Raw> invalid, String source) {
    assertThat(dead).hasSameSizeAs(invalid);
    List<DeadLetterRecord> letters = dead.stream().map(DeadLetters::read).toList();
    for (TestRecords.Raw expected : invalid) {
      assertThat(letters)
          .anySatisfy(
              letter -> {
                assertThat(letter.getOriginalValue().toByteArray()).isEqualTo(expected.value());
                assertThat(letter.getOriginalKey().toByteArray()).isEqualTo(expected.keyBytes());
                assertThat(letter.getReason()).contains(expected.expectedReason());
              });
    }
    assertThat(letters)
        .allSatisfy(
            letter -> {
              assertThat(letter.getSourceTopic()).isEqualTo(source);
              assertThat(letter.getSourcePartition())
                  .isBetween(0, TopicCatalog.EVENT_PARTITIONS - 1);
              assertThat(letter.getSourceOffset()).isNotNegative();
              assertThat(letter.getErrorClass()).isNotBlank();
            });
  }

  private static List<TestRecords.Raw> invalid(List<TestRecords.Raw> mixed) {
    return mixed.stream().filter(r -> !r.valid()).toList();
  }

  private static PlayerBehaviorData parse(byte[] bytes) {
    return TopicCatalog.standard().behavior().valueSerde().deserializer().deserialize("t", bytes);
  }

  private EmpathConfig config() {
    return EmpathConfig.of(Map.of(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers()));
  }

  private static void publish(EmpathConfig config, String topic, List<TestRecords.Raw> records) {
    try (var producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(config, "raw-producer"),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer())) {
      records.forEach(r -> producer.send(new ProducerRecord<>(topic, r.keyBytes(), r.value())));
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(
      EmpathConfig config, String topic, int expected) {
    try (var reader =
        TopicReader.openRaw(
            KafkaClientConfigs.consumer(config, kafka.uniqueName("reader"), "reader"), topic)) {
      // Nothing more may follow: read on briefly to catch duplicates.
      return reader.readAtLeast(expected).readOn(Duration.ofMillis(500)).records();
    }
  }
}

package dev.empath.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.TopicReader;
import dev.empath.platform.TestRecords;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The project's serdes through a real broker: what a producer writes, a consumer reads. */
class SerdeRoundTripIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @Test
  void plainAndConfluentFramedRecordsBothArriveIntactAndKeepSessionsOnOnePartition()
      throws Exception {
    TopicCatalog catalog = TopicCatalog.withPrefix(kafka.uniqueName("serde") + ".");
    TopicSpec<String, PlayerBehaviorData> topic = catalog.behavior();
    new TopicProvisioner(kafka.adminClient(), Optional.empty()).ensure(List.of(topic));
    EmpathConfig config =
        EmpathConfig.of(Map.of(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers()));

    List<PlayerBehaviorData> sent = new ArrayList<>();
    try (var typed =
            new KafkaProducer<>(
                KafkaClientConfigs.producer(config, "typed"),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer());
        var raw =
            new KafkaProducer<>(
                KafkaClientConfigs.producer(config, "raw"),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer())) {
      for (int i = 0; i < 40; i++) {
        PlayerBehaviorData event = TestRecords.behavior("session-" + (i % 5), i);
        sent.add(event);
        if (i % 2 == 0) {
          typed.send(new ProducerRecord<>(topic.name(), event.getSessionId(), event));
        } else {
          // What a Confluent serializer in another language writes.
          byte[] framed = ConfluentWireFormat.frame(11, List.of(0), event.toByteArray());
          raw.send(new ProducerRecord<>(topic.name(), event.getSessionId(), framed));
        }
      }
    }

    List<ConsumerRecord<String, PlayerBehaviorData>> received;
    try (var reader =
        TopicReader.open(
            KafkaClientConfigs.consumer(config, kafka.uniqueName("group"), "reader"),
            topic.name(),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      received = reader.within(Duration.ofSeconds(30)).readAtLeast(sent.size()).records();
    }

    assertThat(received.stream().map(ConsumerRecord::value))
        .containsExactlyInAnyOrderElementsOf(sent);
    Map<String, Set<Integer>> partitionsBySession = new java.util.HashMap<>();
    received.forEach(
        r -> partitionsBySession.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.partition()));
    assertThat(partitionsBySession.values()).allSatisfy(p -> assertThat(p).hasSize(1));
  }
}

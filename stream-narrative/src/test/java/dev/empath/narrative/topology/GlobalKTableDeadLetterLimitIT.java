package dev.empath.narrative.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence for the accepted-policy detour in {@link NarrativeTopology}: a plain GlobalKTable over
 * the policy topic, with the validating serde and the platform's KIP-1034 dead-letter handler, does
 * not dead-letter a malformed policy on Kafka 4.4 — the global thread fails instead. If this test
 * starts failing, Kafka has learnt to dead-letter from global tasks and the detour can go.
 */
class GlobalKTableDeadLetterLimitIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @TempDir Path stateDir;

  @Test
  void malformedRecordOnAGlobalKTableStopsTheApplicationInsteadOfBeingDeadLettered()
      throws Exception {
    TopicCatalog topics = TopicCatalog.withPrefix(kafka.uniqueName("gkt") + ".");
    new TopicProvisioner(kafka.adminClient(), Optional.empty())
        .ensure(List.of(topics.narrativePolicy(), topics.deadLetter()));
    EmpathConfig config =
        EmpathConfig.of(Map.of(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers()));
    StreamsBuilder builder = new StreamsBuilder();
    builder.globalTable(
        topics.narrativePolicy().name(),
        Consumed.with(topics.narrativePolicy().keySerde(), topics.narrativePolicy().valueSerde()));
    Properties props =
        KafkaClientConfigs.streams(config, kafka.uniqueName("gkt-app"), topics.deadLetter().name());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> streams.state() == KafkaStreams.State.RUNNING);
      try (var producer =
          new KafkaProducer<>(
              KafkaClientConfigs.producer(config, "raw"),
              Serdes.ByteArray().serializer(),
              Serdes.ByteArray().serializer())) {
        producer
            .send(
                new ProducerRecord<>(
                    topics.narrativePolicy().name(),
                    "g1".getBytes(StandardCharsets.UTF_8),
                    "{garbage".getBytes(StandardCharsets.UTF_8)))
            .get();
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> streams.state() == KafkaStreams.State.ERROR);
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.ERROR);
    }
  }
}

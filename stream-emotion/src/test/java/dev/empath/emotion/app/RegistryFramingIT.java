package dev.empath.emotion.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.registry.RecordingSchemaRegistry;
import dev.empath.embedded.registry.RecordingSchemaRegistry.Registration;
import dev.empath.emotion.config.EmotionConfigKeys;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.Catalogs;
import dev.empath.schemas.EmpathSchema;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.InteractionSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.ScriptedInteraction;
import dev.empath.simulator.Segment;
import dev.empath.simulator.TelemetryPublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code schema.registry.url} set, the simulator's publisher and stream-emotion register
 * {@code empath.proto} with a real HTTP registry at start-up, with the configured credentials, and
 * every record they write to the broker carries the Confluent magic byte and exactly the id the
 * registry returned for that topic's subject.
 */
class RegistryFramingIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @TempDir Path stateDir;

  @Test
  void simulatorAndStreamEmotionFrameTheirRecordsWithTheIdsOfTheirSubjects() {
    String basic =
        "Basic " + Base64.getEncoder().encodeToString("empath:pw".getBytes(StandardCharsets.UTF_8));
    try (RecordingSchemaRegistry registry =
        RecordingSchemaRegistry.start().requireAuthorization(basic)) {
      String prefix = kafka.uniqueName("registry") + ".";
      EmpathConfig config =
          EmpathConfig.of(
              Map.of(
                  EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                  kafka.bootstrapServers(),
                  EmpathConfig.TOPIC_PREFIX,
                  prefix,
                  EmpathConfig.SCHEMA_REGISTRY_URL,
                  registry.url(),
                  Catalogs.BASIC_AUTH_USER_INFO,
                  "empath:pw",
                  EmotionConfigKeys.APPLICATION_ID.name(),
                  kafka.uniqueName("emotion-registry"),
                  "empath.ops.port",
                  "-1",
                  "kafka.streams.state.dir",
                  stateDir.toString()));
      BehaviorSimulator simulator = new BehaviorSimulator(19);
      List<ScriptedBehavior> behaviour =
          simulator.population(
              simulator.players("game-1", 3),
              1,
              Segment.tour(8),
              System.currentTimeMillis() - 600_000);
      List<ScriptedInteraction> interactions = new InteractionSimulator(19, 6).alongside(behaviour);
      assertThat(interactions).isNotEmpty();

      try (LaunchedService app = ServiceBootstrap.launch(config, new EmotionApp())) {
        // Everything is registered before the first record is written.
        List<String> registeredAtStart =
            registry.registrations().stream().map(Registration::subject).toList();
        assertThat(registeredAtStart)
            .contains(
                prefix + "empath.behavior.v1-value",
                prefix + "empath.interaction.v1-value",
                prefix + "empath.emotion.v1-value");
        TopicCatalog topics = Catalogs.from(config);
        try (TelemetryPublisher publisher =
            new TelemetryPublisher(KafkaClientConfigs.producer(config, "sim"), topics)) {
          behaviour.forEach(publisher::send);
          interactions.forEach(publisher::send);
          publisher.flush();
        }
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> !read(config, topics.emotion()).isEmpty());

        assertFramed(
            registry, read(config, topics.behavior()), topics.behavior(), 0, behaviour.size());
        assertFramed(
            registry,
            read(config, topics.interaction()),
            topics.interaction(),
            2,
            interactions.size());
        List<byte[]> predictions = read(config, topics.emotion());
        assertFramed(registry, predictions, topics.emotion(), 1, 1);
        for (byte[] value : predictions) {
          EmotionPrediction prediction =
              topics.emotion().valueSerde().deserializer().deserialize("", value);
          assertThat(prediction.getGameId()).isEqualTo("game-1");
        }
      }

      assertThat(registry.registrations())
          .allSatisfy(
              r -> {
                assertThat(r.authorization()).isEqualTo(basic);
                assertThat(r.schemaType()).isEqualTo("PROTOBUF");
                assertThat(r.schema()).isEqualTo(EmpathSchema.protoSource());
              });
      assertThat(registry.subjects().values()).doesNotHaveDuplicates();
    }
  }

  private static void assertFramed(
      RecordingSchemaRegistry registry,
      List<byte[]> values,
      TopicSpec<?, ?> topic,
      int messageIndex,
      int atLeast) {
    int id = registry.idOf(topic.name() + "-value").orElseThrow();
    assertThat(values).hasSizeGreaterThanOrEqualTo(atLeast);
    assertThat(values)
        .allSatisfy(
            value -> {
              assertThat(value[0]).isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
              ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(value);
              assertThat(frame.schemaId()).as(topic.name()).isEqualTo(id);
              assertThat(frame.messageIndexes()).containsExactly(messageIndex);
            });
  }

  /** Every committed value of {@code topic}, as the bytes on the broker. */
  private static List<byte[]> read(EmpathConfig config, TopicSpec<?, ?> topic) {
    Properties props = KafkaClientConfigs.common(config, "registry-it-reader");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}

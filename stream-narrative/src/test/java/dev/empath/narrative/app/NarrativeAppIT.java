package dev.empath.narrative.app;

import static dev.empath.narrative.testing.Predictions.frustrated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.empath.embedded.junit.KafkaExtension;
import dev.empath.embedded.junit.TopicReader;
import dev.empath.narrative.config.NarrativeConfigKeys;
import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.app.LaunchedService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.streams.StreamsService;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as it runs: provisioned topics, exactly-once v2, a real broker. Predictions become
 * committed decisions and generation requests; a policy published while running is picked up; a
 * malformed policy is dead-lettered and the one in force stays.
 */
class NarrativeAppIT {

  @RegisterExtension static final KafkaExtension kafka = new KafkaExtension();

  @TempDir Path stateDir;

  @Test
  void directsSessionsUnderExactlyOnceAndPicksUpPoliciesWithoutRestart() throws Exception {
    String prefix = kafka.uniqueName("narr") + ".";
    EmpathConfig config =
        EmpathConfig.of(
            Map.of(
                EmpathConfig.KAFKA_BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(),
                EmpathConfig.TOPIC_PREFIX,
                prefix,
                NarrativeConfigKeys.APPLICATION_ID.name(),
                kafka.uniqueName("narrative-app"),
                "kafka.streams.state.dir",
                stateDir.toString()));
    TopicCatalog topics = TopicCatalog.withPrefix(prefix);

    try (LaunchedService app =
        ServiceBootstrap.launch(config.with("empath.ops.port", "-1"), new NarrativeApp())) {
      KafkaStreams streams = ((StreamsService) app.service()).streams();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> streams.state() == KafkaStreams.State.RUNNING);

      // 35 s of frustration in event time: first decision, an NPC line, a hint at 30 s.
      List<EmotionPrediction> script = new ArrayList<>();
      for (int t = 0; t < 35; t++) {
        script.add(frustrated("g1", "s1", t, 0.6f));
      }
      sendPredictions(config, topics, script);
      List<NarrativeDecision> decisions =
          collectUntil(
              config,
              topics.narrative().name(),
              topics.narrative().valueSerde().deserializer(),
              out -> out.stream().anyMatch(NarrativeDecision::getOfferHint));
      List<GenerationRequest> requests =
          collectUntil(
              config,
              topics.generationRequest().name(),
              topics.generationRequest().valueSerde().deserializer(),
              out -> out.size() >= 2);
      assertThat(decisions)
          .allSatisfy(d -> assertThat(d.getPolicyVersion()).isEqualTo("default-1"));
      assertThat(decisions.get(0).getSourcePredictionId())
          .isEqualTo(script.get(0).getPredictionId());
      assertThat(requests)
          .extracting(GenerationRequest::getPurpose)
          .containsExactly(
              GenerationPurpose.GENERATION_PURPOSE_NPC_LINE,
              GenerationPurpose.GENERATION_PURPOSE_HINT);

      // A new policy for g1 while running, then a malformed one that must not replace it.
      NarrativePolicy v2 =
          DefaultPolicy.load().toBuilder().setGameId("g1").setVersion("g1-v2").build();
      PublishPolicy.publish(config, v2);
      try (var raw = rawProducer(config)) {
        raw.send(
                new ProducerRecord<>(
                    topics.narrativePolicy().name(),
                    "g1".getBytes(StandardCharsets.UTF_8),
                    "{not a policy".getBytes(StandardCharsets.UTF_8)))
            .get();
      }
      List<DeadLetterRecord> dead = readDeadLetters(config, topics.deadLetter().name());
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).getSourceTopic()).isEqualTo(topics.narrativePolicy().name());
      assertThat(dead.get(0).getErrorClass()).endsWith("MalformedRecordException");

      // New sessions of g1 are directed by g1-v2 once the global store has caught up with the
      // accepted-policy topic (eventually consistent), and the malformed policy changed nothing.
      try (var reader =
          reader(
              config, topics.narrative().name(), topics.narrative().valueSerde().deserializer())) {
        int[] session = {0};
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  String id = "late-" + session[0]++;
                  sendPredictions(config, topics, List.of(frustrated("g1", id, 100, 0.6f)));
                  reader.readOn(Duration.ofMillis(500));
                  return reader.values().stream()
                      .anyMatch(d -> d.getPolicyVersion().equals("g1-v2"));
                });
        assertThat(reader.values())
            .filteredOn(d -> d.getSessionId().startsWith("late-"))
            .extracting(NarrativeDecision::getPolicyVersion)
            .isSubsetOf("default-1", "g1-v2")
            .endsWith("g1-v2");
      }
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
    assertThat(NarrativeTopology.acceptedPolicyTopic(topics).name())
        .isEqualTo(prefix + "empath.narrative.policy.accepted.v1");
  }

  private static void sendPredictions(
      EmpathConfig config, TopicCatalog topics, List<EmotionPrediction> predictions)
      throws Exception {
    try (var producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(config, "predictions"),
            topics.emotion().keySerde().serializer(),
            topics.emotion().valueSerde().serializer())) {
      for (EmotionPrediction p : predictions) {
        producer.send(new ProducerRecord<>(topics.emotion().name(), p.getSessionId(), p));
      }
      producer.flush();
    }
  }

  private static KafkaProducer<byte[], byte[]> rawProducer(EmpathConfig config) {
    return new KafkaProducer<>(
        KafkaClientConfigs.producer(config, "raw"),
        Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
  }

  private static <T> TopicReader<String, T> reader(
      EmpathConfig config, String topic, Deserializer<T> deserializer) {
    return TopicReader.open(
        KafkaClientConfigs.consumer(config, kafka.uniqueName("reader"), "reader"),
        topic,
        Serdes.String().deserializer(),
        deserializer);
  }

  private static <T> List<T> collectUntil(
      EmpathConfig config, String topic, Deserializer<T> deserializer, Predicate<List<T>> done) {
    try (var reader = reader(config, topic, deserializer)) {
      return reader
          .readUntil(read -> done.test(read.stream().map(r -> r.value()).toList()))
          .values();
    }
  }

  /** Dead letters, decoded: waits for the first, then reads briefly on to catch any extra. */
  private static List<DeadLetterRecord> readDeadLetters(EmpathConfig config, String topic) {
    try (var reader =
        TopicReader.openRaw(
            KafkaClientConfigs.consumer(config, kafka.uniqueName("dlq-reader"), "dlq-reader"),
            topic)) {
      return reader.readAtLeast(1).readOn(Duration.ofMillis(500)).records().stream()
          .map(DeadLetters::read)
          .toList();
    }
  }
}

package dev.empath.cli.story;

import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.serde.InvalidRecordException;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.DecisionReason;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes a session's records straight to the topics with the contract's serdes. */
final class StoryRecordsFixture implements AutoCloseable {

  final TopicCatalog catalog;
  private final KafkaProducer<byte[], byte[]> producer;

  StoryRecordsFixture(String bootstrap, Admin admin, String prefix) {
    this.catalog = TopicCatalog.withPrefix(prefix);
    new TopicProvisioner(admin, Optional.empty()).ensure(catalog.all());
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  <V> void send(TopicSpec<String, V> topic, String key, long ts, V value) {
    sendRaw(topic.name(), key, ts, topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  void sendRaw(String topic, String key, long ts, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, null, ts, bytes(key), value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A dead letter as the services write it: original key and value, the reason in headers. */
  void deadLetter(String session, long ts, byte[] value, String component, String reason) {
    ProducerRecord<byte[], byte[]> letter =
        DeadLetters.record(
            catalog.deadLetter().name(),
            new DeadLetters.Source(catalog.behavior().name(), 0, 7),
            bytes(session),
            value,
            new InvalidRecordException("empath.v1.PlayerBehaviorData", List.of(reason)),
            component,
            ts);
    try {
      producer
          .send(
              new ProducerRecord<>(
                  letter.topic(), null, ts, letter.key(), letter.value(), letter.headers()))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  static PlayerBehaviorData behaviour(String game, String session, long ts, int choice) {
    return PlayerBehaviorData.newBuilder()
        .setEventId(session + "-b-" + ts)
        .setGameId(game)
        .setPlayerId("p1")
        .setSessionId(session)
        .setTimestampMs(ts)
        .setDecisionLatencyMs(850)
        .setActionFrequency(42)
        .addRecentChoices(choice)
        .putContextData("damage_taken", 12)
        .setSceneId("forest")
        .build();
  }

  static EmotionPrediction emotion(String game, String session, long ts) {
    return EmotionPrediction.newBuilder()
        .setPredictionId(session + "-e-" + ts)
        .setGameId(game)
        .setPlayerId("p1")
        .setSessionId(session)
        .setTimestampMs(ts)
        .setDominantEmotion("frustration")
        .setConfidence(0.72f)
        .putAllScores("frustration", 0.72f)
        .putAllScores("calm", 0.28f)
        .setValence(-0.41f)
        .setArousal(0.66f)
        .setModelVersion("transparent-1")
        .setEventsSeen(14)
        .build();
  }

  static NarrativeDecision narrative(String game, String session, long ts) {
    return NarrativeDecision.newBuilder()
        .setDecisionId(session + "-n-" + ts)
        .setGameId(game)
        .setPlayerId("p1")
        .setSessionId(session)
        .setTimestampMs(ts)
        .setPhase(PacingPhase.PACING_PHASE_SUSTAIN_PEAK)
        .setPhaseSinceMs(ts)
        .setIntensity(0.81f)
        .setDifficultyAdjustment(-0.2f)
        .setDialogueTone("empathetic")
        .setOfferHint(true)
        .addReasons(
            DecisionReason.newBuilder()
                .setAspect("phase")
                .setCode("intensity_above_peak_threshold")
                .setDetail("intensity=0.81"))
        .setPolicyVersion("default-1")
        .build();
  }

  static GenerationRequest request(String game, String session, long ts) {
    return GenerationRequest.newBuilder()
        .setRequestId(session + "-r-" + ts)
        .setGameId(game)
        .setSessionId(session)
        .setPlayerId("p1")
        .setCharacterId("mira")
        .setPurpose(GenerationPurpose.GENERATION_PURPOSE_HINT)
        .setTone("empathetic")
        .setCreatedAtMs(ts)
        .setDeadlineMs(ts + 1500)
        .setMaxTokens(60)
        .build();
  }

  static GenerationResult result(String game, String session, long ts) {
    return GenerationResult.newBuilder()
        .setRequestId(session + "-r-" + (ts - 5))
        .setGameId(game)
        .setSessionId(session)
        .setPlayerId("p1")
        .setCharacterId("mira")
        .setPurpose(GenerationPurpose.GENERATION_PURPOSE_HINT)
        .setStatus(GenerationStatus.GENERATION_STATUS_SUCCEEDED)
        .setText("Try the lever by the door.")
        .setProvider("offline")
        .setModel("templates")
        .setLatencyMs(3)
        .setCompletedAtMs(ts)
        .build();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}

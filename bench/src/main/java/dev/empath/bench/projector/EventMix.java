package dev.empath.bench.projector;

import com.google.protobuf.Message;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The projector's input as a game would produce it: per 10 events 4 emotion predictions, 3
 * interactions, 2 narrative decisions and 1 generation result, over 200 sessions (one player each,
 * in one of 3 games) and 50 NPCs, each player dealing with five of them.
 */
final class EventMix {

  private static final long T0 = 1_764_000_000_000L;

  private final TopicCatalog catalog;
  private final String bootstrap;

  EventMix(TopicCatalog catalog, String bootstrap) {
    this.catalog = catalog;
    this.bootstrap = bootstrap;
  }

  void produce(int count) {
    try (Producer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers", bootstrap,
                "acks", "all",
                "linger.ms", "10",
                "batch.size", "262144",
                "compression.type", "lz4"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        int s = i % 200;
        String game = "game-" + (s % 3); // a session belongs to one game
        String session = "session-" + s;
        String player = "player-" + s;
        // Each player deals with a cast of five NPCs in turn (not always the same one).
        String npc = "npc-" + ((s * 7 + (i / 200) % 5) % 50);
        long at = T0 + i * 10L;
        switch (i % 10) {
          case 0, 1, 2, 3 ->
              send(producer, catalog.emotion(), session, emotion(i, game, session, player, at));
          case 4, 5, 6 ->
              send(
                  producer,
                  catalog.interaction(),
                  npc,
                  interaction(i, game, session, player, npc, at));
          case 7, 8 ->
              send(producer, catalog.narrative(), session, narrative(i, game, session, player, at));
          default ->
              send(
                  producer,
                  catalog.generationResult(),
                  session,
                  result(i, game, session, player, npc, at));
        }
      }
      producer.flush();
    }
  }

  private static <V extends Message> void send(
      Producer<String, byte[]> producer, TopicSpec<String, V> topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), key, value.toByteArray()));
  }

  private static EmotionPrediction emotion(
      int i, String game, String session, String player, long at) {
    return EmotionPrediction.newBuilder()
        .setPredictionId("pred-" + i)
        .setGameId(game)
        .setPlayerId(player)
        .setSessionId(session)
        .setTimestampMs(at)
        .setDominantEmotion("frustration")
        .setConfidence(0.62f)
        .putAllScores("joy", 0.1f)
        .putAllScores("excitement", 0.1f)
        .putAllScores("calm", 0.05f)
        .putAllScores("boredom", 0.05f)
        .putAllScores("frustration", 0.5f)
        .putAllScores("anxiety", 0.2f)
        .setValence(-0.4f)
        .setArousal(0.7f)
        .setModelVersion("heuristic-1")
        .putFeatures("decision_latency_z", 1.3f)
        .putFeatures("deaths_rate", 0.4f)
        .setEventsSeen(i)
        .setSourceEventId("ev-" + i)
        .build();
  }

  private static CharacterInteraction interaction(
      int i, String game, String session, String player, String npc, long at) {
    return CharacterInteraction.newBuilder()
        .setEventId("int-" + i)
        .setGameId(game)
        .setPlayerId(player)
        .setSessionId(session)
        .setCharacterId(npc)
        .setTimestampMs(at)
        .setKind(InteractionKind.forNumber(1 + i % 8))
        .setImpact(((i * 37) % 21 - 10) / 10f)
        .setSummary("the player spoke with the blacksmith about the broken sword")
        .setPlayerText("Can you fix this before nightfall?")
        .build();
  }

  private static NarrativeDecision narrative(
      int i, String game, String session, String player, long at) {
    return NarrativeDecision.newBuilder()
        .setDecisionId("dec-" + i)
        .setGameId(game)
        .setPlayerId(player)
        .setSessionId(session)
        .setTimestampMs(at)
        .setPhase(PacingPhase.forNumber(1 + i % 4))
        .setIntensity(0.55f)
        .setDifficultyAdjustment(-0.1f)
        .setDialogueTone("empathetic")
        .putSceneAdjustments("music", "soft")
        .setPolicyVersion("default-1")
        .setSourcePredictionId("pred-" + (i - 1))
        .build();
  }

  private static GenerationResult result(
      int i, String game, String session, String player, String npc, long at) {
    return GenerationResult.newBuilder()
        .setRequestId("req-" + i)
        .setGameId(game)
        .setSessionId(session)
        .setPlayerId(player)
        .setCharacterId(npc)
        .setPurpose(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE)
        .setStatus(GenerationStatus.GENERATION_STATUS_SUCCEEDED)
        .setText("Steady now. Every smith was an apprentice once.")
        .setProvider("offline")
        .setModel("templates-1")
        .setTokensIn(120)
        .setTokensOut(14)
        .setLatencyMs(3)
        .setCompletedAtMs(at)
        .build();
  }
}

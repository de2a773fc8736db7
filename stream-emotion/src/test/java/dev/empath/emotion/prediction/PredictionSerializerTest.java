package dev.empath.emotion.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.features.SessionFeatures;
import dev.empath.emotion.model.Assessment;
import dev.empath.emotion.model.Emotion;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.schemas.serde.ConfluentWireFormat;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.Segment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class PredictionSerializerTest {

  private static final String TOPIC = "empath.emotion.v1";
  private final TopicCatalog topics = TopicCatalog.standard();
  private final Serializer<EmotionPrediction> contract = topics.emotion().valueSerde().serializer();
  private final Deserializer<EmotionPrediction> reader =
      topics.emotion().valueSerde().deserializer();

  /** One prediction per event of a whole simulated session: every arc, every kind of value. */
  private static List<Prediction> predictionsOfASession() {
    BehaviorSimulator simulator = new BehaviorSimulator(7);
    List<ScriptedBehavior> session =
        simulator.session(
            simulator.players("game-1", 1).get(0), "s-1", 1_764_000_000_000L, Segment.tour(10));
    TransparentEmotionModel model = new TransparentEmotionModel();
    PlayerBaseline baseline = PlayerBaseline.prior();
    SessionFeatures features = SessionFeatures.empty();
    List<Prediction> out = new ArrayList<>();
    for (ScriptedBehavior s : session) {
      PlayerBehaviorData event = s.event();
      features = features.update(event, 0.3);
      FeatureVector vector = FeatureVector.of(features, baseline);
      Assessment assessment = model.assess(vector, features.eventsSeen(), baseline.trust());
      out.add(
          new Prediction(
              event,
              assessment,
              vector,
              features.eventsSeen(),
              event.getTimestampMs(),
              model.version()));
    }
    return out;
  }

  /**
   * Each field as the generated parser reads it back, against values taken from the prediction's
   * parts (the event, the model's assessment, the features), never from {@link
   * Prediction#toMessage()}: a field left out of both the serializer and the message still fails.
   */
  @Test
  void everyFieldReadsBackWithTheValueOfThePredictionsParts() throws Exception {
    PredictionSerializer serializer = new PredictionSerializer(contract);
    List<Prediction> predictions = predictionsOfASession();
    assertThat(predictions).hasSize(50);
    for (Prediction p : predictions) {
      EmotionPrediction read = EmotionPrediction.parseFrom(serializer.serialize(TOPIC, p));
      PlayerBehaviorData event = p.source();

      assertThat(read.getUnknownFields().asMap()).isEmpty();
      assertThat(read.getPredictionId()).isEqualTo(event.getSessionId() + "/" + event.getEventId());
      assertThat(read.getGameId()).isEqualTo(event.getGameId()).isNotEmpty();
      assertThat(read.getPlayerId()).isEqualTo(event.getPlayerId()).isNotEmpty();
      assertThat(read.getSessionId()).isEqualTo("s-1");
      assertThat(read.getSceneId()).isEqualTo(event.getSceneId());
      assertThat(read.getCharacterId()).isEqualTo(event.getCharacterId());
      assertThat(read.getSourceEventId()).isEqualTo(event.getEventId()).isNotEmpty();
      assertThat(read.getTimestampMs()).isEqualTo(event.getTimestampMs()).isPositive();
      assertThat(read.getDominantEmotion()).isEqualTo(p.assessment().dominant().wireName());
      assertThat(read.getConfidence()).isEqualTo((float) p.assessment().confidence());
      assertThat(read.getValence()).isEqualTo((float) p.assessment().valence());
      assertThat(read.getArousal()).isEqualTo((float) p.assessment().arousal());
      assertThat(read.getModelVersion()).isEqualTo(TransparentEmotionModel.VERSION);
      assertThat(read.getEventsSeen()).isEqualTo(p.eventsSeen()).isPositive();
      float[] features = p.features().values();
      assertThat(read.getFeaturesMap()).hasSize(FeatureVector.NAMES.size());
      for (int i = 0; i < features.length; i++) {
        assertThat(read.getFeaturesMap()).containsEntry(FeatureVector.NAMES.get(i), features[i]);
      }
      assertThat(read.getAllScoresMap()).hasSize(Emotion.values().length);
      p.assessment()
          .scores()
          .forEach(
              (e, score) ->
                  assertThat(read.getAllScoresMap())
                      .containsEntry(e.wireName(), score.floatValue()));
    }
    // Not vacuous: the session's valences take both signs, its events count up from one.
    assertThat(predictions).anyMatch(p -> p.assessment().valence() > 0.05);
    assertThat(predictions).anyMatch(p -> p.assessment().valence() < -0.05);
    assertThat(predictions.get(49).eventsSeen()).isEqualTo(50);
  }

  /** Out-of-range model output is written clamped: valence to -1..1, arousal to 0..1. */
  @Test
  void writesValenceAndArousalClampedToTheirRanges() throws Exception {
    PlayerBehaviorData event =
        PlayerBehaviorData.newBuilder()
            .setEventId("e-7")
            .setGameId("g")
            .setPlayerId("p")
            .setSessionId("s")
            .setSceneId("scene-3")
            .setCharacterId("npc-9")
            .build();
    Map<Emotion, Double> scores = new EnumMap<>(Emotion.class);
    for (Emotion e : Emotion.values()) {
      scores.put(e, e == Emotion.JOY ? 0.5 : 0.1);
    }
    FeatureVector features = new FeatureVector(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    PredictionSerializer serializer = new PredictionSerializer(contract);

    EmotionPrediction tooHigh =
        EmotionPrediction.parseFrom(
            serializer.serialize(
                TOPIC,
                new Prediction(
                    event,
                    new Assessment(Emotion.JOY, 0.5, scores, 1.7, 1.2),
                    features,
                    13,
                    1_000,
                    "m-7")));
    EmotionPrediction tooLow =
        EmotionPrediction.parseFrom(
            serializer.serialize(
                TOPIC,
                new Prediction(
                    event,
                    new Assessment(Emotion.JOY, 0.5, scores, -3.0, -0.2),
                    features,
                    13,
                    1_000,
                    "m-7")));

    assertThat(tooHigh.getValence()).isEqualTo(1f);
    assertThat(tooHigh.getArousal()).isEqualTo(1f);
    assertThat(tooLow.getValence()).isEqualTo(-1f);
    assertThat(tooLow.getArousal()).isEqualTo(0f);
    assertThat(tooHigh.getModelVersion()).isEqualTo("m-7");
    assertThat(tooHigh.getEventsSeen()).isEqualTo(13);
    assertThat(tooHigh.getTimestampMs()).isEqualTo(1_000);
    assertThat(tooHigh.getSceneId()).isEqualTo("scene-3");
    assertThat(tooHigh.getCharacterId()).isEqualTo("npc-9");
    assertThat(tooHigh.getFeaturesMap())
        .containsEntry("latency_rel", 1f)
        .containsEntry("progress_rate", 9f)
        .containsEntry("actions_per_minute", 12f);
    assertThat(tooHigh.getAllScoresMap()).containsEntry("joy", 0.5f).containsEntry("calm", 0.1f);
  }

  /** The message built for readers and the serializer's bytes agree. */
  @Test
  void writesExactlyTheBytesOfTheProtobufMessage() {
    PredictionSerializer serializer = new PredictionSerializer(contract);
    for (Prediction p : predictionsOfASession()) {
      EmotionPrediction message = p.toMessage();
      byte[] bytes = serializer.serialize(TOPIC, p);
      assertThat(bytes).isEqualTo(contract.serialize(TOPIC, message));
      assertThat(reader.deserialize(TOPIC, bytes)).isEqualTo(message);
    }
  }

  @Test
  void leavesOutDefaultValuesAsProtobufDoes() throws Exception {
    PlayerBehaviorData bare =
        PlayerBehaviorData.newBuilder()
            .setEventId("é-1")
            .setGameId("g")
            .setPlayerId("p")
            .setSessionId("s")
            .build();
    Map<Emotion, Double> scores = new EnumMap<>(Emotion.class);
    for (Emotion e : Emotion.values()) {
      scores.put(e, e == Emotion.CALM ? 1.0 : 0.0);
    }
    Prediction p =
        new Prediction(
            bare,
            new Assessment(Emotion.CALM, 0, scores, 0, -0.0),
            new FeatureVector(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            0,
            0,
            "");

    byte[] bytes = new PredictionSerializer(contract).serialize(TOPIC, p);

    assertThat(bytes).isEqualTo(contract.serialize(TOPIC, p.toMessage()));
    // Parsed without the contract's checks: this record is deliberately bare.
    EmotionPrediction read = EmotionPrediction.parseFrom(bytes);
    assertThat(read.getSceneId()).isEmpty();
    assertThat(read.getFeaturesMap()).hasSize(FeatureVector.NAMES.size());
    assertThat(read.getAllScoresMap()).containsEntry("calm", 1f).containsEntry("joy", 0f);
  }

  @Test
  void keepsTheFramingOfTheTopicsSerializer() {
    // A serializer that frames its payload the way a registry-backed one does (schema id 42).
    Serializer<EmotionPrediction> framed =
        (topic, message) -> ConfluentWireFormat.frame(42, List.of(0), message.toByteArray());
    PredictionSerializer serializer = new PredictionSerializer(framed);

    for (Prediction p : predictionsOfASession().subList(0, 5)) {
      byte[] bytes = serializer.serialize(TOPIC, p);
      assertThat(bytes).isEqualTo(framed.serialize(TOPIC, p.toMessage()));
      assertThat(ConfluentWireFormat.parse(bytes).schemaId()).isEqualTo(42);
      assertThat(reader.deserialize(TOPIC, bytes)).isEqualTo(p.toMessage());
    }
  }
}

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

  @Test
  void writesExactlyTheBytesOfTheProtobufMessage() {
    PredictionSerializer serializer = new PredictionSerializer(contract);
    List<Prediction> predictions = predictionsOfASession();
    assertThat(predictions).hasSize(50);
    for (Prediction p : predictions) {
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

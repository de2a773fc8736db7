package dev.empath.emotion.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.config.EmotionSettings.BaselineRouting;
import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.Emotion;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.OnnxEmotionModel;
import dev.empath.emotion.model.OnnxFixtures;
import dev.empath.emotion.model.TransparentEmotionModel;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.schemas.v1.DeadLetterRecord;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.simulator.BehaviorSimulator;
import dev.empath.simulator.PlayerProfile;
import dev.empath.simulator.ScriptedBehavior;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Models published on the model topic while the topology runs. */
class ModelPublicationTest {

  @TempDir Path stateDir;

  private final BehaviorSimulator simulator = new BehaviorSimulator(5);

  @ParameterizedTest
  @EnumSource(BaselineRouting.class)
  void aModelPublishedMidStreamGovernsLaterPredictionsAndNamesItsVersion(BaselineRouting routing) {
    List<ScriptedBehavior> tour = session("game-1", "ann", "s1");
    EmotionModelDocument wide = transparent("wide-2", "game-1", 0.6);
    try (EmotionDriver d = driver(routing)) {
      d.play(tour.subList(0, 40));
      assertThat(d.predictions())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.getModelVersion()).isEqualTo("transparent-v1"));

      d.publish(wide);
      d.play(tour.subList(40, tour.size()));
      List<EmotionPrediction> later = d.predictions();

      assertThat(later)
          .hasSize(tour.size() - 40)
          .allSatisfy(p -> assertThat(p.getModelVersion()).isEqualTo("wide-2"));
      EmotionModel governing = new TransparentEmotionModel(wide);
      EmotionModel shipped = new TransparentEmotionModel();
      EmotionPrediction last = later.get(later.size() - 1);
      assertScores(last, governing, 1e-3);
      assertThat(scores(shipped, last)[0])
          .isNotCloseTo(last.getAllScoresOrThrow("joy"), within(1e-3));
      assertThat(d.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void perGameModelsStaySeparateAndTheDefaultGovernsTheRest() {
    try (EmotionDriver d = driver(BaselineRouting.BY_SESSION)) {
      d.publish(transparent("all-1", "*", 0.4));
      d.publish(transparent("two-1", "game-2", 0.5));
      d.play(session("game-1", "a", "s1").subList(0, 5));
      d.play(session("game-2", "b", "s2").subList(0, 5));
      d.play(session("game-3", "c", "s3").subList(0, 5));

      assertThat(d.predictions())
          .hasSize(15)
          .allSatisfy(
              p ->
                  assertThat(p.getModelVersion())
                      .isEqualTo(p.getGameId().equals("game-2") ? "two-1" : "all-1"));

      d.models.pipeInput("*", null); // the default withdrawn
      d.play(session("game-1", "a", "s1").subList(5, 8));
      d.play(session("game-2", "b", "s2").subList(5, 8));
      assertThat(d.predictions())
          .extracting(EmotionPrediction::getModelVersion)
          .containsExactly(
              "transparent-v1", "transparent-v1", "transparent-v1", "two-1", "two-1", "two-1");
    }
  }

  @Test
  void aModelThatDoesNotFitTheFeaturesIsDeadLetteredAndTheOldModelKeepsRunning() {
    List<ScriptedBehavior> tour = session("game-1", "ann", "s1");
    EmotionModelDocument onnx = OnnxFixtures.trained("onnx-1", "game-1");
    EmotionModelDocument unknownInput =
        rename(onnx, "onnx-2").toBuilder()
            .setOnnx(onnx.getOnnx().toBuilder().setInputs(0, "heart_rate"))
            .build();
    EmotionModelDocument wrongWidth =
        rename(onnx, "onnx-3").toBuilder()
            .setOnnx(onnx.getOnnx().toBuilder().addInputs("latency_rel"))
            .build();
    try (EmotionDriver d = driver(BaselineRouting.BY_SESSION)) {
      d.publish(transparent("wide-2", "game-1", 0.6));
      d.play(tour.subList(0, 10));
      d.publish(unknownInput);
      d.publish(wrongWidth);
      d.models.pipeInput("game-2", transparent("x-1", "game-1", 0.5));
      d.play(tour.subList(10, 20));

      List<DeadLetterRecord> dead =
          d.deadLetters.readRecordsToList().stream()
              .map(r -> DeadLetters.read(r.key(), r.value(), r.headers()))
              .toList();
      assertThat(dead).hasSize(3);
      assertThat(dead.get(0).getReason()).contains("onnx.inputs[0]: 'heart_rate' is not an input");
      assertThat(dead.get(1).getReason()).contains("declares 5 input names");
      assertThat(dead.get(2).getReason()).contains("model key 'game-2' differs from its game_id");
      assertThat(dead)
          .allSatisfy(
              l -> assertThat(l.getSourceTopic()).isEqualTo(d.topics.emotionModel().name()));
      assertThat(d.predictions())
          .hasSize(20)
          .allSatisfy(p -> assertThat(p.getModelVersion()).isEqualTo("wide-2"));
    }
  }

  @Test
  void anOnnxModelScoresInTheTopologyAsOnnxRuntimeDoesOnTheSameFeatures() {
    List<ScriptedBehavior> tour = session("game-1", "ann", "s1");
    EmotionModelDocument onnx = OnnxFixtures.trained("onnx-1", "game-1");
    try (EmotionDriver d = driver(BaselineRouting.BY_SESSION);
        OnnxEmotionModel direct = new OnnxEmotionModel(onnx)) {
      d.publish(onnx);
      d.play(tour);
      List<EmotionPrediction> predictions = d.predictions();

      assertThat(predictions).hasSize(tour.size());
      assertThat(predictions.stream().map(EmotionPrediction::getDominantEmotion).distinct())
          .hasSizeGreaterThan(1);
      for (EmotionPrediction p : predictions) {
        assertThat(p.getModelVersion()).isEqualTo("onnx-1");
        float[] x = new float[OnnxFixtures.INPUTS.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = p.getFeaturesOrThrow(onnx.getOnnx().getInputs(i));
        }
        float[] expected = direct.scores(x);
        for (int i = 0; i < expected.length; i++) {
          assertThat(p.getAllScoresOrThrow(onnx.getOnnx().getOutputs(i)))
              .isCloseTo(expected[i], within(1e-6f));
        }
      }
    }
  }

  private EmotionDriver driver(BaselineRouting routing) {
    return new EmotionDriver(
        stateDir,
        EmotionSettings.defaults().withRouting(routing).withEmitInterval(Duration.ZERO),
        new TransparentEmotionModel());
  }

  private List<ScriptedBehavior> session(String game, String player, String sessionId) {
    return simulator.session(
        new PlayerProfile(game, player, 1.0),
        sessionId,
        EmotionTopologyTest.T0,
        EmotionTopologyTest.TOUR);
  }

  /** The shipped parameters under another version and game, with another prototype width. */
  static EmotionModelDocument transparent(String version, String game, double width) {
    EmotionModelDocument shipped =
        ModelDocuments.resource(TransparentEmotionModel.DEFAULT_RESOURCE);
    return shipped.toBuilder()
        .setVersion(version)
        .setGameId(game)
        .setTransparent(shipped.getTransparent().toBuilder().setWidth(width))
        .build();
  }

  private static EmotionModelDocument rename(EmotionModelDocument d, String version) {
    return d.toBuilder().setVersion(version).build();
  }

  private static void assertScores(EmotionPrediction p, EmotionModel model, double tolerance) {
    double[] expected = scores(model, p);
    for (Emotion e : Emotion.values()) {
      assertThat((double) p.getAllScoresOrThrow(e.wireName()))
          .isCloseTo(expected[e.ordinal()], within(tolerance));
    }
  }

  /** What {@code model} scores on the features written on {@code p}. */
  private static double[] scores(EmotionModel model, EmotionPrediction p) {
    double[] f = FeatureVector.NAMES.stream().mapToDouble(p::getFeaturesOrThrow).toArray();
    FeatureVector vector =
        new FeatureVector(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]);
    var scores = model.assess(vector, p.getEventsSeen(), 1).scores();
    return java.util.Arrays.stream(Emotion.values()).mapToDouble(scores::get).toArray();
  }
}

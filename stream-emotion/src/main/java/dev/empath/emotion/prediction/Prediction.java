package dev.empath.emotion.prediction;

import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.Assessment;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;

/**
 * A prediction on its way to the emotion topic: what an {@code EmotionPrediction} record is made
 * of, written to the wire by {@link PredictionSerializer} without building the protobuf message
 * first (its maps of boxed floats cost more than the rest of the record together).
 *
 * @param source the behaviour event that produced it: ids, scene and character are copied from it
 * @param features the features the model saw, written under {@link FeatureVector#NAMES}
 * @param eventsSeen behaviour events the session has contributed so far
 * @param timestampMs the session's event-time clock when the prediction was made
 */
public record Prediction(
    PlayerBehaviorData source,
    Assessment assessment,
    FeatureVector features,
    long eventsSeen,
    long timestampMs,
    String modelVersion) {

  /** Deterministic: the same input yields the same id on a replay or an EOS retry. */
  public String predictionId() {
    return source.getSessionId() + "/" + source.getEventId();
  }

  /** Valence as written: clamped to -1..1. */
  public float wireValence() {
    return (float) Math.max(-1, Math.min(1, assessment.valence()));
  }

  /** Arousal as written: clamped to 0..1. */
  public float wireArousal() {
    return (float) Math.max(0, Math.min(1, assessment.arousal()));
  }

  /**
   * The same prediction as a protobuf message: what a reader of the topic gets back. The wire path
   * ({@link PredictionSerializer}) writes exactly its bytes.
   */
  public EmotionPrediction toMessage() {
    EmotionPrediction.Builder b =
        EmotionPrediction.newBuilder()
            .setPredictionId(predictionId())
            .setGameId(source.getGameId())
            .setPlayerId(source.getPlayerId())
            .setSessionId(source.getSessionId())
            .setSceneId(source.getSceneId())
            .setCharacterId(source.getCharacterId())
            .setTimestampMs(timestampMs)
            .setDominantEmotion(assessment.dominant().wireName())
            .setConfidence((float) assessment.confidence())
            .setValence(wireValence())
            .setArousal(wireArousal())
            .setModelVersion(modelVersion)
            .setEventsSeen(eventsSeen)
            .setSourceEventId(source.getEventId());
    float[] values = features.values();
    for (int i = 0; i < values.length; i++) {
      b.putFeatures(FeatureVector.NAMES.get(i), values[i]);
    }
    assessment.scores().forEach((e, score) -> b.putAllScores(e.wireName(), score.floatValue()));
    return b.build();
  }
}

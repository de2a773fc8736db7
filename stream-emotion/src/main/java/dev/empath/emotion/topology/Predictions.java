package dev.empath.emotion.topology;

import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.Assessment;
import dev.empath.emotion.model.Emotion;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.Map;

/** Builds the wire record of a prediction. */
final class Predictions {

  private Predictions() {}

  static EmotionPrediction of(
      PlayerBehaviorData event,
      Assessment assessment,
      FeatureVector features,
      long eventsSeen,
      long timestampMs,
      String modelVersion) {
    EmotionPrediction.Builder b =
        EmotionPrediction.newBuilder()
            // Deterministic: the same input yields the same id on a replay or an EOS retry.
            .setPredictionId(event.getSessionId() + "/" + event.getEventId())
            .setGameId(event.getGameId())
            .setPlayerId(event.getPlayerId())
            .setSessionId(event.getSessionId())
            .setSceneId(event.getSceneId())
            .setCharacterId(event.getCharacterId())
            .setTimestampMs(timestampMs)
            .setDominantEmotion(assessment.dominant().wireName())
            .setConfidence((float) assessment.confidence())
            .setValence((float) Math.max(-1, Math.min(1, assessment.valence())))
            .setArousal((float) Math.max(0, Math.min(1, assessment.arousal())))
            .setModelVersion(modelVersion)
            .setEventsSeen(eventsSeen)
            .setSourceEventId(event.getEventId());
    features.forEachNamed(b::putFeatures);
    for (Map.Entry<Emotion, Double> score : assessment.scores().entrySet()) {
      b.putAllScores(score.getKey().wireName(), score.getValue().floatValue());
    }
    return b.build();
  }
}

package dev.empath.readmodel.session;

import java.util.Map;

/** One emotion prediction of a session, as stored (latest value and timeline entries). */
public record EmotionSnapshot(
    String predictionId,
    String gameId,
    String sessionId,
    String playerId,
    long timestampMs,
    String dominantEmotion,
    double confidence,
    Map<String, Double> scores,
    double valence,
    double arousal,
    String modelVersion,
    long eventsSeen,
    String sceneId,
    String characterId) {

  public EmotionSnapshot {
    scores = scores == null ? Map.of() : Map.copyOf(scores);
  }
}

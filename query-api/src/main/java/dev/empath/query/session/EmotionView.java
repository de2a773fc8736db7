package dev.empath.query.session;

import dev.empath.readmodel.session.EmotionSnapshot;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.TreeMap;

/** A session's emotion prediction as the API shows it. */
@Serdeable
public record EmotionView(
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

  public static EmotionView of(EmotionSnapshot s) {
    return new EmotionView(
        s.predictionId(),
        s.gameId(),
        s.sessionId(),
        s.playerId(),
        s.timestampMs(),
        s.dominantEmotion(),
        s.confidence(),
        // Sorted so responses are stable byte for byte.
        new TreeMap<>(s.scores()),
        s.valence(),
        s.arousal(),
        s.modelVersion(),
        s.eventsSeen(),
        s.sceneId(),
        s.characterId());
  }
}

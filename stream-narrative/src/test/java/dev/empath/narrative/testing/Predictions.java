package dev.empath.narrative.testing;

import dev.empath.schemas.v1.EmotionPrediction;
import java.util.Map;

/** Emotion predictions for scripted sessions. Times are seconds after {@link #T0}. */
public final class Predictions {

  public static final long T0 = 1_750_000_000_000L;

  private Predictions() {}

  public static long at(double seconds) {
    return T0 + Math.round(seconds * 1000);
  }

  /** A prediction builder with ids filled in; {@code seq} makes the prediction id unique. */
  public static EmotionPrediction.Builder base(String game, String session, double seconds) {
    return EmotionPrediction.newBuilder()
        .setPredictionId(session + "-p-" + Math.round(seconds * 1000))
        .setGameId(game)
        .setPlayerId("player-" + session)
        .setSessionId(session)
        .setTimestampMs(at(seconds))
        .setModelVersion("test-model")
        .setEventsSeen(10)
        .setSceneId("scene-1")
        .setCharacterId("npc-ada");
  }

  /** Agitated and unhappy: drives intensity up fast. */
  public static EmotionPrediction agitated(String game, String session, double seconds) {
    return emotion(
        game,
        session,
        seconds,
        "anxiety",
        0.9f,
        0.95f,
        -0.8f,
        Map.of("anxiety", 0.6f, "frustration", 0.2f, "excitement", 0.2f));
  }

  /** Calm and content: lets intensity decay. */
  public static EmotionPrediction calm(String game, String session, double seconds) {
    return emotion(
        game, session, seconds, "calm", 0.9f, 0.1f, 0.6f, Map.of("calm", 0.7f, "joy", 0.3f));
  }

  /** Frustrated at the given score. */
  public static EmotionPrediction frustrated(
      String game, String session, double seconds, float frustration) {
    return emotion(
        game,
        session,
        seconds,
        "frustration",
        0.8f,
        0.4f,
        -0.3f,
        Map.of("frustration", frustration, "calm", 1f - frustration));
  }

  public static EmotionPrediction bored(String game, String session, double seconds) {
    return emotion(game, session, seconds, "boredom", 1f, 0.05f, 0f, Map.of("boredom", 1f));
  }

  public static EmotionPrediction emotion(
      String game,
      String session,
      double seconds,
      String dominant,
      float confidence,
      float arousal,
      float valence,
      Map<String, Float> scores) {
    return base(game, session, seconds)
        .setDominantEmotion(dominant)
        .setConfidence(confidence)
        .setArousal(arousal)
        .setValence(valence)
        .putAllAllScores(scores)
        .build();
  }
}

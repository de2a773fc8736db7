package dev.empath.narrative.director;

import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.IntensityRules;

/**
 * The director's intensity: how hard the game is pressing the player right now, as the player feels
 * it.
 *
 * <p>Each prediction adds a stimulus (arousal, and negative valence only: a happy, excited player
 * is engaged, not overwhelmed), weighted by the prediction's confidence so low-evidence guesses
 * barely move it. Between predictions intensity decays exponentially with event time, so a session
 * that calms down drifts back towards zero. Gains are per prediction, which assumes the emotion
 * stream's controlled output rate (about one prediction per second per session).
 */
public final class Intensity {

  private Intensity() {}

  public static double decayed(double intensity, long elapsedMs, IntensityRules rules) {
    double seconds = Math.max(0, elapsedMs) / 1000.0;
    return intensity * Math.pow(1.0 - rules.getDecayPerSecond(), seconds);
  }

  public static double stimulus(EmotionPrediction p, IntensityRules rules) {
    double negativeValence = Math.max(0, -p.getValence());
    double raw =
        rules.getArousalGain() * p.getArousal() + rules.getNegativeValenceGain() * negativeValence;
    return raw * p.getConfidence();
  }

  public static double next(
      double intensity, long elapsedMs, EmotionPrediction p, IntensityRules rules) {
    return clamp01(decayed(intensity, elapsedMs, rules) + stimulus(p, rules));
  }

  static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }
}

package dev.empath.narrative.director;

import dev.empath.schemas.v1.DifficultyRules;
import dev.empath.schemas.v1.EmotionPrediction;

/**
 * Difficulty adjustment: frustration pulls it down (easier), boredom pushes it up (harder).
 *
 * <p>The target is weighted by confidence and bounded by {@code max_adjustment}; the adjustment
 * moves towards it by at most {@code max_step} per prediction, so one noisy prediction cannot swing
 * the game. A decision is only worth emitting once the adjustment has moved at least one {@code
 * max_step} away from what the game was last told ({@link #worthEmitting}).
 */
public final class Difficulty {

  /** Below this change a game would not notice a difference; also the floor for max_step = 0. */
  static final double MIN_EMIT_STEP = 0.02;

  private Difficulty() {}

  public static double target(EmotionPrediction p, DifficultyRules rules) {
    double frustration = p.getAllScoresOrDefault("frustration", 0f);
    double boredom = p.getAllScoresOrDefault("boredom", 0f);
    double raw =
        (boredom * rules.getBoredomWeight() - frustration * rules.getFrustrationWeight())
            * p.getConfidence();
    return bound(raw, rules.getMaxAdjustment());
  }

  public static double next(double current, EmotionPrediction p, DifficultyRules rules) {
    double target = target(p, rules);
    double step = bound(target - current, rules.getMaxStep());
    return bound(current + step, rules.getMaxAdjustment());
  }

  public static boolean worthEmitting(double current, double emitted, DifficultyRules rules) {
    return Math.abs(current - emitted) >= Math.max(MIN_EMIT_STEP, rules.getMaxStep()) - 1e-9;
  }

  static double bound(double v, double limit) {
    double l = Math.abs(limit);
    return Math.max(-l, Math.min(l, v));
  }
}

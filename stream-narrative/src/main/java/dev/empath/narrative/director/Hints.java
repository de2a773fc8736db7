package dev.empath.narrative.director;

import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.HintRule;

/**
 * Hint offers: only when the hint emotion (frustration by default) has stayed above {@code
 * min_score} for {@code persist_ms}, and not again within {@code cooldown_ms}.
 *
 * <p>The struggle ends only when the score falls below {@link #RELEASE_FRACTION} of {@code
 * min_score}: a score wobbling around the threshold keeps the clock running instead of restarting
 * it on every dip.
 */
public final class Hints {

  static final double RELEASE_FRACTION = 0.8;

  private Hints() {}

  /** Struggle clock after this prediction and whether a hint is offered now. */
  public record Outcome(long strugglingSinceMs, long lastHintMs, boolean offer, String code) {}

  public static Outcome evaluate(
      EmotionPrediction p, long nowMs, long strugglingSinceMs, long lastHintMs, HintRule rule) {
    if (rule.getEmotion().isEmpty()) {
      return new Outcome(DirectorState.NEVER, lastHintMs, false, "hint_rule_disabled");
    }
    double score = p.getAllScoresOrDefault(rule.getEmotion(), 0f);
    long since = strugglingSinceMs;
    if (score >= rule.getMinScore()) {
      if (since == DirectorState.NEVER) {
        since = nowMs;
      }
    } else if (score < rule.getMinScore() * RELEASE_FRACTION) {
      return new Outcome(DirectorState.NEVER, lastHintMs, false, "hint_emotion_absent");
    }
    if (since == DirectorState.NEVER) {
      return new Outcome(since, lastHintMs, false, "hint_emotion_absent");
    }
    if (nowMs - since < rule.getPersistMs()) {
      return new Outcome(since, lastHintMs, false, "hint_emotion_not_persistent_yet");
    }
    if (lastHintMs != DirectorState.NEVER && nowMs - lastHintMs < rule.getCooldownMs()) {
      return new Outcome(since, lastHintMs, false, "hint_cooldown");
    }
    // The clock restarts: a further hint needs the struggle to persist again (and the cooldown).
    return new Outcome(nowMs, nowMs, true, "hint_emotion_persisted");
  }
}

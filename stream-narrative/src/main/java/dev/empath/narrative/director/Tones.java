package dev.empath.narrative.director;

import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PacingPhase;
import dev.empath.schemas.v1.ToneRule;

/**
 * Dialogue tone: the first policy rule that matches the prediction and phase, else the policy's
 * default tone.
 *
 * <p>A new tone must be proposed by {@link #CONFIRMATIONS} consecutive predictions before it
 * replaces the one in force: dominant emotions near a tie alternate from one prediction to the
 * next, and an NPC whose voice changes every second is worse than one that is a beat late.
 */
public final class Tones {

  static final int CONFIRMATIONS = 2;

  private Tones() {}

  /** The rule that matched, or empty for the default tone. */
  public record Choice(String tone, int ruleIndex) {}

  public static Choice select(EmotionPrediction p, PacingPhase phase, NarrativePolicy policy) {
    for (int i = 0; i < policy.getToneRulesCount(); i++) {
      ToneRule rule = policy.getToneRules(i);
      boolean emotionMatches =
          rule.getEmotion().isEmpty() || rule.getEmotion().equals(p.getDominantEmotion());
      boolean phaseMatches =
          rule.getPhase() == PacingPhase.PACING_PHASE_UNSPECIFIED || rule.getPhase() == phase;
      if (emotionMatches && phaseMatches && p.getConfidence() >= rule.getMinConfidence()) {
        return new Choice(rule.getTone(), i);
      }
    }
    return new Choice(defaultTone(policy), -1);
  }

  static String defaultTone(NarrativePolicy policy) {
    return policy.getDefaultTone().isEmpty() ? "neutral" : policy.getDefaultTone();
  }
}

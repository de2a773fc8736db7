package dev.empath.simulator;

import java.util.Set;

/**
 * A scripted emotional arc: the behaviour a player shows while feeling a certain way. Each arc
 * names the emotions a good model should report for it, so tests can check predictions against
 * intent.
 */
public enum Arc {
  /** Steady pace, varied choices, slow progress, occasional small successes. */
  CALM_EXPLORATION(Set.of("calm", "joy")),
  /** Repeated failure: deaths pile up, damage is high, the same choice is retried, pace erratic. */
  RISING_FRUSTRATION(Set.of("frustration")),
  /** Fast decisions, many actions, combat, mostly successful. */
  COMBAT_EXCITEMENT(Set.of("excitement", "joy")),
  /** Slow and sparse actions, the same choice over and over, nothing happening. */
  REPETITIVE_BOREDOM(Set.of("boredom"));

  private final Set<String> expectedEmotions;

  Arc(Set<String> expectedEmotions) {
    this.expectedEmotions = expectedEmotions;
  }

  /** Emotion names (as written in {@code EmotionPrediction.dominant_emotion}) that fit the arc. */
  public Set<String> expectedEmotions() {
    return expectedEmotions;
  }
}

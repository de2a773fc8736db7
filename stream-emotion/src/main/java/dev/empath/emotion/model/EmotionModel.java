package dev.empath.emotion.model;

import dev.empath.emotion.features.FeatureVector;

/**
 * Maps features to an emotion assessment. Implementations must be pure and deterministic (same
 * input, same output): a replay or an exactly-once retry must produce the same predictions.
 */
public interface EmotionModel {

  /** Written on every prediction, e.g. {@code transparent-v1}. */
  String version();

  /**
   * @param eventsSeen behaviour events of the session so far (evidence)
   * @param baselineTrust 0..1, how much of the player's baseline is their own data
   */
  Assessment assess(FeatureVector features, long eventsSeen, double baselineTrust);
}

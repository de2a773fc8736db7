package dev.empath.emotion.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A model's verdict on one moment of a session.
 *
 * @param scores one score per emotion, summing to 1
 * @param valence -1 (unpleasant) .. 1 (pleasant)
 * @param arousal 0 (calm) .. 1 (agitated)
 * @param confidence 0..1; low when the model has little evidence
 */
public record Assessment(
    Emotion dominant,
    double confidence,
    Map<Emotion, Double> scores,
    double valence,
    double arousal) {

  public Assessment {
    scores = Collections.unmodifiableMap(new EnumMap<>(scores));
  }
}

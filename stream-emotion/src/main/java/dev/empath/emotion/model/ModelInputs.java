package dev.empath.emotion.model;

import dev.empath.emotion.features.FeatureVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The named inputs a transparent model document can weight: every feature written on a prediction
 * ({@link FeatureVector#NAMES}) and a few values derived from them, which the default model needs
 * because it is not linear in the raw features.
 */
public final class ModelInputs {

  /** {@code success - 0.5}: above or below an even success rate. */
  public static final String SUCCESS_CENTERED = "success_centered";

  /** {@code max(0, success - 0.5)}. */
  public static final String SUCCESS_EXCESS = "success_excess";

  /** {@code 2 max(0, 0.5 - success) + death_rate}. */
  public static final String FAILURE = "failure";

  /** {@code max(0, repetition - 0.5)}: choosing the same thing more often than not. */
  public static final String REPETITION_EXCESS = "repetition_excess";

  /** {@code repetition_excess * (1 - arousal)}: repetition while little happens. Not in arousal. */
  public static final String REPETITION_EXCESS_CALM = "repetition_excess_calm";

  /** {@code max(0, jitter_rel)}: more erratic timing than the player's usual. */
  public static final String JITTER_EXCESS = "jitter_excess";

  /** Every input name, by index. */
  public static final List<String> NAMES;

  static final int FEATURES = FeatureVector.NAMES.size();

  static {
    List<String> names = new ArrayList<>(FeatureVector.NAMES);
    names.addAll(
        List.of(
            SUCCESS_CENTERED,
            SUCCESS_EXCESS,
            FAILURE,
            REPETITION_EXCESS,
            REPETITION_EXCESS_CALM,
            JITTER_EXCESS));
    NAMES = Collections.unmodifiableList(names);
  }

  private static final int CALM_INDEX = NAMES.indexOf(REPETITION_EXCESS_CALM);

  private ModelInputs() {}

  /** Index of an input name, or -1. */
  public static int indexOf(String name) {
    return NAMES.indexOf(name);
  }

  /** Whether the input depends on arousal (so arousal itself cannot use it). */
  public static boolean needsArousal(String name) {
    return REPETITION_EXCESS_CALM.equals(name);
  }

  /** Fills every input except those that need arousal. */
  static void fill(FeatureVector f, double[] out) {
    out[0] = f.latencyRel();
    out[1] = f.actionRateRel();
    out[2] = f.jitterRel();
    out[3] = f.repetition();
    out[4] = f.choiceEntropy();
    out[5] = f.damage();
    out[6] = f.deathRate();
    out[7] = f.success();
    out[8] = f.progressRate();
    out[9] = f.combat();
    out[10] = f.latencyMs();
    out[11] = f.actionsPerMinute();
    double repetitionExcess = Math.max(0, f.repetition() - 0.5);
    out[FEATURES] = f.success() - 0.5;
    out[FEATURES + 1] = Math.max(0, f.success() - 0.5);
    out[FEATURES + 2] = Math.max(0, 0.5 - f.success()) * 2 + f.deathRate();
    out[FEATURES + 3] = repetitionExcess;
    out[FEATURES + 5] = Math.max(0, f.jitterRel());
  }

  /** Fills the inputs that need arousal. */
  static void fillWithArousal(double arousal, double[] out) {
    out[CALM_INDEX] = out[FEATURES + 3] * (1 - arousal);
  }
}

package dev.empath.emotion.model;

import dev.empath.emotion.features.FeatureVector;
import java.util.EnumMap;
import java.util.Map;

/**
 * The default model: hand-set weights anyone can read, in three steps.
 *
 * <ol>
 *   <li><b>Arousal</b> (0..1) rises with being busier than usual, deciding faster than usual,
 *       combat, damage, deaths and erratic decision times: {@code logistic(2 * raw - 0.85)}, so a
 *       player at their own baseline with nothing happening sits at 0.3.
 *   <li><b>Valence</b> (-1..1) rises with success and progress and falls with failure, deaths,
 *       damage and repeating the same choice: {@code tanh(raw)}.
 *   <li><b>Scores</b>: each emotion has a prototype point in (valence, arousal); its logit is minus
 *       the squared distance to it (width {@value #WIDTH}) plus a cue that separates emotions the
 *       plane alone cannot (failure for frustration, erratic timing for anxiety, repetition at low
 *       arousal for boredom, combat for excitement). Softmax gives the scores.
 * </ol>
 *
 * <p>Evidence {@code 1 - exp(-events / 6)} blends the scores towards uniform and scales the
 * confidence, so the first events give low confidence instead of a confident guess. Confidence is
 * evidence × (0.7 + 0.3 × baseline trust) × the winning (unblended) score.
 */
public final class TransparentEmotionModel implements EmotionModel {

  public static final String VERSION = "transparent-v1";
  static final double WIDTH = 0.3;
  static final double EVIDENCE_EVENTS = 6;

  private static final Emotion[] EMOTIONS = Emotion.values();

  /** Prototype valence and arousal per emotion, indexed by ordinal. */
  private static final double[] PROTOTYPE_VALENCE = new double[EMOTIONS.length];

  private static final double[] PROTOTYPE_AROUSAL = new double[EMOTIONS.length];

  static {
    prototype(Emotion.JOY, 0.7, 0.55);
    prototype(Emotion.EXCITEMENT, 0.55, 0.9);
    prototype(Emotion.CALM, 0.3, 0.25);
    prototype(Emotion.BOREDOM, -0.2, 0.05);
    prototype(Emotion.FRUSTRATION, -0.7, 0.85);
    prototype(Emotion.ANXIETY, -0.5, 0.65);
  }

  private static void prototype(Emotion e, double valence, double arousal) {
    PROTOTYPE_VALENCE[e.ordinal()] = valence;
    PROTOTYPE_AROUSAL[e.ordinal()] = arousal;
  }

  @Override
  public String version() {
    return VERSION;
  }

  // Plain arrays indexed by ordinal: this runs once per behaviour event.
  @Override
  public Assessment assess(FeatureVector f, long eventsSeen, double baselineTrust) {
    double arousal = arousal(f);
    double valence = valence(f);
    double failure = Math.max(0, 0.5 - f.success()) * 2 + f.deathRate();
    double[] raw = new double[EMOTIONS.length];
    double max = Double.NEGATIVE_INFINITY;
    for (Emotion e : EMOTIONS) {
      int i = e.ordinal();
      double dv = valence - PROTOTYPE_VALENCE[i];
      double da = arousal - PROTOTYPE_AROUSAL[i];
      double logit = -(dv * dv + da * da) / (2 * WIDTH * WIDTH) + cue(e, f, arousal, failure);
      raw[i] = logit;
      max = Math.max(max, logit);
    }
    // Softmax, shifted by the largest logit for numerical safety.
    double sum = 0;
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Math.exp(raw[i] - max);
      sum += raw[i];
    }
    int top = 0;
    for (int i = 0; i < raw.length; i++) {
      raw[i] /= sum;
      if (raw[i] > raw[top]) {
        top = i;
      }
    }

    double evidence = 1 - Math.exp(-eventsSeen / EVIDENCE_EVENTS);
    Map<Emotion, Double> scores = new EnumMap<>(Emotion.class);
    double uniform = 1.0 / EMOTIONS.length;
    for (Emotion e : EMOTIONS) {
      scores.put(e, evidence * raw[e.ordinal()] + (1 - evidence) * uniform);
    }
    double confidence = evidence * (0.7 + 0.3 * clamp(baselineTrust, 0, 1)) * raw[top];
    return new Assessment(EMOTIONS[top], clamp(confidence, 0, 1), scores, valence, arousal);
  }

  /** What separates emotions the (valence, arousal) plane alone cannot. */
  private static double cue(Emotion e, FeatureVector f, double arousal, double failure) {
    return switch (e) {
      case FRUSTRATION -> 2.0 * failure;
      case ANXIETY -> 2.0 * Math.max(0, f.jitterRel()) + 0.5 * f.damage();
      case BOREDOM -> 3.0 * Math.max(0, f.repetition() - 0.5) * (1 - arousal);
      case EXCITEMENT -> 1.5 * f.combat();
      case JOY -> 1.0 * Math.max(0, f.success() - 0.5);
      case CALM -> 0.0;
    };
  }

  static double arousal(FeatureVector f) {
    double raw =
        0.9 * f.actionRateRel()
            - 0.6 * f.latencyRel()
            + 1.0 * f.combat()
            + 0.6 * f.damage()
            + 1.0 * f.deathRate()
            + 0.8 * f.jitterRel();
    return 1 / (1 + Math.exp(-(2 * raw - 0.85)));
  }

  static double valence(FeatureVector f) {
    double raw =
        1.2 * (f.success() - 0.5)
            + 8 * f.progressRate()
            - 1.5 * f.deathRate()
            - 0.5 * f.damage()
            - 0.8 * Math.max(0, f.repetition() - 0.5);
    return Math.tanh(raw);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}

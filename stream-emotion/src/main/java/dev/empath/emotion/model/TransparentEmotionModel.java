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

  /** Prototype (valence, arousal) per emotion. */
  private static final Map<Emotion, double[]> PROTOTYPES = new EnumMap<>(Emotion.class);

  static {
    PROTOTYPES.put(Emotion.JOY, new double[] {0.7, 0.55});
    PROTOTYPES.put(Emotion.EXCITEMENT, new double[] {0.55, 0.9});
    PROTOTYPES.put(Emotion.CALM, new double[] {0.3, 0.25});
    PROTOTYPES.put(Emotion.BOREDOM, new double[] {-0.2, 0.05});
    PROTOTYPES.put(Emotion.FRUSTRATION, new double[] {-0.7, 0.85});
    PROTOTYPES.put(Emotion.ANXIETY, new double[] {-0.5, 0.65});
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Assessment assess(FeatureVector f, long eventsSeen, double baselineTrust) {
    double arousal = arousal(f);
    double valence = valence(f);
    Map<Emotion, Double> logits = new EnumMap<>(Emotion.class);
    double failure = Math.max(0, 0.5 - f.success()) * 2 + f.deathRate();
    for (Map.Entry<Emotion, double[]> p : PROTOTYPES.entrySet()) {
      double dv = valence - p.getValue()[0];
      double da = arousal - p.getValue()[1];
      double logit = -(dv * dv + da * da) / (2 * WIDTH * WIDTH);
      logit +=
          switch (p.getKey()) {
            case FRUSTRATION -> 2.0 * failure;
            case ANXIETY -> 2.0 * Math.max(0, f.jitterRel()) + 0.5 * f.damage();
            case BOREDOM -> 3.0 * Math.max(0, f.repetition() - 0.5) * (1 - arousal);
            case EXCITEMENT -> 1.5 * f.combat();
            case JOY -> 1.0 * Math.max(0, f.success() - 0.5);
            case CALM -> 0.0;
          };
      logits.put(p.getKey(), logit);
    }
    Map<Emotion, Double> raw = softmax(logits);
    Emotion top = raw.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

    double evidence = 1 - Math.exp(-eventsSeen / EVIDENCE_EVENTS);
    Map<Emotion, Double> scores = new EnumMap<>(Emotion.class);
    double uniform = 1.0 / Emotion.values().length;
    raw.forEach((e, s) -> scores.put(e, evidence * s + (1 - evidence) * uniform));
    double confidence = evidence * (0.7 + 0.3 * clamp(baselineTrust, 0, 1)) * raw.get(top);
    return new Assessment(top, clamp(confidence, 0, 1), scores, valence, arousal);
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

  private static Map<Emotion, Double> softmax(Map<Emotion, Double> logits) {
    double max = logits.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Map<Emotion, Double> out = new EnumMap<>(Emotion.class);
    double sum = 0;
    for (Map.Entry<Emotion, Double> e : logits.entrySet()) {
      double v = Math.exp(e.getValue() - max);
      out.put(e.getKey(), v);
      sum += v;
    }
    double total = sum;
    out.replaceAll((k, v) -> v / total);
    return out;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}

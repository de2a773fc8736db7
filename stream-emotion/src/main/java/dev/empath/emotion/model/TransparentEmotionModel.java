package dev.empath.emotion.model;

import dev.empath.emotion.features.FeatureVector;
import dev.empath.emotion.model.document.ModelDocuments;
import dev.empath.schemas.v1.CueTerms;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrototype;
import dev.empath.schemas.v1.TransparentModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The default model: weights anyone can read, set in a document ({@code transparent-v1.json} on the
 * classpath is the shipped one), in three steps.
 *
 * <ol>
 *   <li><b>Arousal</b> (0..1) rises with being busier than usual, deciding faster than usual,
 *       combat, damage, deaths and erratic decision times: {@code logistic(2 * raw - 0.85)}, so a
 *       player at their own baseline with nothing happening sits at 0.3.
 *   <li><b>Valence</b> (-1..1) rises with success and progress and falls with failure, deaths,
 *       damage and repeating the same choice: {@code tanh(raw)}.
 *   <li><b>Scores</b>: each emotion has a prototype point in (valence, arousal); its logit is minus
 *       the squared distance to it (width 0.3) plus a cue that separates emotions the plane alone
 *       cannot (failure for frustration, erratic timing for anxiety, repetition at low arousal for
 *       boredom, combat for excitement). Softmax gives the scores.
 * </ol>
 *
 * <p>Evidence {@code 1 - exp(-events / 6)} blends the scores towards uniform and scales the
 * confidence, so the first events give low confidence instead of a confident guess. Confidence is
 * evidence × (0.7 + 0.3 × baseline trust) × the winning (unblended) score. The figures are the
 * shipped document's; another document changes them, not the steps.
 */
public final class TransparentEmotionModel implements EmotionModel {

  public static final String VERSION = "transparent-v1";

  /** The shipped parameters. */
  public static final String DEFAULT_RESOURCE = "/dev/empath/emotion/model/transparent-v1.json";

  private static final Emotion[] EMOTIONS = Emotion.values();
  private static final List<WeightedSum> NO_CUE = List.of();

  private final String version;
  private final double[] prototypeValence = new double[EMOTIONS.length];
  private final double[] prototypeArousal = new double[EMOTIONS.length];
  private final WeightedSum[] cues = new WeightedSum[EMOTIONS.length];
  private final double twoWidthSquared;
  private final double evidenceEvents;
  private final WeightedSum arousal;
  private final double arousalGain;
  private final double arousalOffset;
  private final WeightedSum valence;
  private final double valenceGain;
  private final double valenceOffset;
  private final double confidenceBase;
  private final double confidenceTrustWeight;

  /** The shipped model. */
  public TransparentEmotionModel() {
    this(ModelDocuments.resource(DEFAULT_RESOURCE));
  }

  /**
   * @param document a document {@link ModelDocuments} has validated, of kind {@code transparent}
   */
  public TransparentEmotionModel(EmotionModelDocument document) {
    if (!document.hasTransparent()) {
      throw new IllegalArgumentException(
          "not a transparent model document: " + document.getKindCase());
    }
    TransparentModel m = document.getTransparent();
    version = document.getVersion();
    for (Emotion e : EMOTIONS) {
      EmotionPrototype p = m.getPrototypesOrThrow(e.wireName());
      prototypeValence[e.ordinal()] = p.getValence();
      prototypeArousal[e.ordinal()] = p.getArousal();
      CueTerms cue = m.getCuesOrDefault(e.wireName(), CueTerms.getDefaultInstance());
      cues[e.ordinal()] = new WeightedSum(cue.getTermsList());
    }
    twoWidthSquared = 2 * m.getWidth() * m.getWidth();
    evidenceEvents = m.getEvidenceEvents();
    arousal = new WeightedSum(m.getArousal().getTermsList());
    arousalGain = m.getArousal().getGain();
    arousalOffset = m.getArousal().getOffset();
    valence = new WeightedSum(m.getValence().getTermsList());
    valenceGain = m.getValence().getGain();
    valenceOffset = m.getValence().getOffset();
    confidenceBase = m.getConfidenceBase();
    confidenceTrustWeight = m.getConfidenceTrustWeight();
  }

  @Override
  public String version() {
    return version;
  }

  // Plain arrays indexed by ordinal: this runs once per behaviour event.
  @Override
  public Assessment assess(FeatureVector f, long eventsSeen, double baselineTrust) {
    double[] inputs = new double[ModelInputs.NAMES.size()];
    ModelInputs.fill(f, inputs);
    double a = 1 / (1 + Math.exp(-(arousalGain * arousal.of(inputs) + arousalOffset)));
    ModelInputs.fillWithArousal(a, inputs);
    double v = Math.tanh(valenceGain * valence.of(inputs) + valenceOffset);
    double[] raw = new double[EMOTIONS.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < EMOTIONS.length; i++) {
      double dv = v - prototypeValence[i];
      double da = a - prototypeArousal[i];
      double logit = -(dv * dv + da * da) / twoWidthSquared + cues[i].of(inputs);
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

    double evidence = 1 - Math.exp(-eventsSeen / evidenceEvents);
    Map<Emotion, Double> scores = new EnumMap<>(Emotion.class);
    double uniform = 1.0 / EMOTIONS.length;
    for (Emotion e : EMOTIONS) {
      scores.put(e, evidence * raw[e.ordinal()] + (1 - evidence) * uniform);
    }
    double confidence =
        evidence * (confidenceBase + confidenceTrustWeight * clamp(baselineTrust, 0, 1)) * raw[top];
    return new Assessment(EMOTIONS[top], clamp(confidence, 0, 1), scores, v, a);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}

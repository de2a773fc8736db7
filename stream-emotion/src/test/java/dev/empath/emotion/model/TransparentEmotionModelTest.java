package dev.empath.emotion.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.empath.emotion.features.FeatureVector;
import org.junit.jupiter.api.Test;

class TransparentEmotionModelTest {

  private final EmotionModel model = new TransparentEmotionModel();

  /**
   * latencyRel, actionRateRel, jitterRel, repetition, entropy, damage, deathRate, success,
   * progressRate, combat.
   */
  private static FeatureVector f(
      double latencyRel,
      double apmRel,
      double jitter,
      double repetition,
      double damage,
      double deathRate,
      double success,
      double progressRate,
      double combat) {
    return new FeatureVector(
        latencyRel,
        apmRel,
        jitter,
        repetition,
        1 - repetition,
        damage,
        deathRate,
        success,
        progressRate,
        combat,
        1000,
        60);
  }

  @Test
  void atTheirOwnBaselineWithNothingHappeningAPlayerIsCalm() {
    Assessment a = model.assess(f(0, 0, 0, 0.3, 0, 0, 0.5, 0.003, 0), 50, 1);
    assertThat(a.dominant()).isEqualTo(Emotion.CALM);
    assertThat(a.arousal()).isCloseTo(0.3, within(0.01));
  }

  @Test
  void eachPatternGetsItsEmotion() {
    assertThat(model.assess(f(-0.2, 0.4, 0.15, 0.8, 0.7, 0.4, 0.0, 0, 0.3), 50, 1).dominant())
        .isEqualTo(Emotion.FRUSTRATION);
    assertThat(model.assess(f(-0.6, 0.7, 0, 0.3, 0.3, 0, 0.75, 0.01, 0.8), 50, 1).dominant())
        .isEqualTo(Emotion.EXCITEMENT);
    assertThat(model.assess(f(0.5, -0.8, 0, 1.0, 0, 0, 0.5, 0, 0), 50, 1).dominant())
        .isEqualTo(Emotion.BOREDOM);
    assertThat(model.assess(f(0.1, 0.3, 0.5, 0.3, 0.4, 0, 0.4, 0, 0), 50, 1).dominant())
        .isEqualTo(Emotion.ANXIETY);
  }

  @Test
  void valenceIsPositiveForSuccessAndProgressAndNegativeForFailureAndRepetition() {
    Assessment excited = model.assess(f(-0.6, 0.7, 0, 0.3, 0.3, 0, 0.75, 0.01, 0.8), 50, 1);
    Assessment frustrated = model.assess(f(-0.2, 0.4, 0.15, 0.8, 0.7, 0.4, 0.0, 0, 0.3), 50, 1);
    Assessment bored = model.assess(f(0.5, -0.8, 0, 1.0, 0, 0, 0.5, 0, 0), 50, 1);
    Assessment calm = model.assess(f(0, 0, 0, 0.3, 0, 0, 0.5, 0.003, 0), 50, 1);

    // tanh(1.2 (success - 0.5) + 8 progress - 1.5 deaths - 0.5 damage - 0.8 (repetition - 0.5)+)
    assertThat(excited.valence()).isPositive().isCloseTo(Math.tanh(0.23), within(1e-9));
    assertThat(frustrated.valence()).isNegative().isCloseTo(Math.tanh(-1.79), within(1e-9));
    assertThat(bored.valence()).isNegative().isCloseTo(Math.tanh(-0.4), within(1e-9));
    assertThat(calm.valence()).isCloseTo(Math.tanh(0.024), within(1e-9));
  }

  @Test
  void valenceStaysWithinMinusOneAndOneHoweverExtremeTheFeatures() {
    Assessment best = model.assess(f(-1, 1, 0, 0, 0, 0, 1, 5, 1), 50, 1);
    Assessment worst = model.assess(f(1, -1, 5, 1, 10, 10, 0, 0, 0), 50, 1);

    assertThat(best.valence()).isGreaterThan(0.99).isLessThanOrEqualTo(1);
    assertThat(worst.valence()).isLessThan(-0.99).isGreaterThanOrEqualTo(-1);
    assertThat(best.arousal()).isBetween(0.0, 1.0);
    assertThat(worst.arousal()).isBetween(0.0, 1.0);
  }

  @Test
  void scoresSumToOneAndLittleEvidenceGivesLowConfidenceAndFlatScores() {
    FeatureVector frustrated = f(-0.2, 0.4, 0.15, 0.8, 0.7, 0.4, 0.0, 0, 0.3);
    Assessment early = model.assess(frustrated, 1, 0);
    Assessment late = model.assess(frustrated, 40, 1);

    assertThat(early.scores().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(late.scores().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(early.confidence()).isLessThan(0.15);
    assertThat(late.confidence()).isGreaterThan(0.6);
    assertThat(early.scores().get(Emotion.FRUSTRATION)).isLessThan(0.35);
    assertThat(late.scores().get(Emotion.FRUSTRATION)).isGreaterThan(0.6);
  }
}

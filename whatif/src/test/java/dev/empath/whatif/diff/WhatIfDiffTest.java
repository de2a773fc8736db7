package dev.empath.whatif.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.PacingPhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison's figures on hand-made sides. */
class WhatIfDiffTest {

  private static final long T = 1_000_000;

  private final CostEstimate cost =
      new CostEstimate(
          EmpathConfig.of(
              Map.of(
                  "empath.llm.price.gpt-4o-mini.input", "1000000",
                  "empath.llm.price.gpt-4o-mini.output", "0")));

  @Test
  void aCandidateWithoutAPredictionForAnEventIsJudgedByWhatItHeldThen() {
    List<EmotionPrediction> prod =
        List.of(
            p("s1", "e1", 0, "calm"),
            p("s1", "e2", 1000, "frustration"),
            p("s1", "e3", 2000, "joy"));
    // The candidate emitted for e1 and e3 only; at e2 it still held its e1 prediction.
    List<EmotionPrediction> cand = List.of(p("s1", "e1", 0, "calm"), p("s1", "e3", 2000, "joy"));

    EmotionComparison e = EmotionComparison.of(prod, cand);

    assertThat(e.compared()).isEqualTo(3);
    assertThat(e.agreement()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(e.confusion().get("frustration")).containsEntry("calm", 1L);
    assertThat(e.differences()).isEqualTo(1);
    assertThat(e.production().share("frustration")).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(e.candidate().share("frustration")).isZero();
  }

  @Test
  void aProductionPredictionBeforeTheCandidatesFirstIsNone() {
    EmotionComparison e =
        EmotionComparison.of(List.of(p("s1", "e1", 0, "calm")), List.of(p("s1", "e2", 5, "calm")));
    assertThat(e.confusion().get("calm")).containsEntry(EmotionComparison.NONE, 1L);
    assertThat(e.agreement()).isZero();
  }

  @Test
  void phasesHoldUntilTheNextDecisionAndTheLastUntilTheSessionsLastPrediction() {
    SideRecords side =
        new SideRecords(
            List.of(p("s1", "e9", 10_000, "calm")),
            List.of(
                d("s1", 0, PacingPhase.PACING_PHASE_BUILD_UP, "neutral", 0.1f, false),
                d("s1", 4_000, PacingPhase.PACING_PHASE_SUSTAIN_PEAK, "tense", 0.3f, true),
                d("s1", 6_000, PacingPhase.PACING_PHASE_SUSTAIN_PEAK, "tense", -0.4f, false)),
            List.of(request(GenerationPurpose.GENERATION_PURPOSE_HINT, 120)));

    NarrativeStats n = NarrativeStats.of(side, cost);

    assertThat(n.phaseShare("build_up")).isCloseTo(0.4, within(1e-9));
    assertThat(n.phaseShare("sustain_peak")).isCloseTo(0.6, within(1e-9));
    assertThat(n.hints()).isEqualTo(1);
    assertThat(n.toneChanges()).isEqualTo(1);
    assertThat(n.difficultyMean()).isCloseTo(0.0, within(1e-6));
    assertThat(n.difficultyStdDev()).isCloseTo(Math.sqrt((0.01 + 0.09 + 0.16) / 3), within(1e-6));
    assertThat(n.requestsByPurpose()).containsEntry("hint", 1L);
    // 600 assumed input tokens at one dollar each: the configured price table prices them.
    assertThat(n.costUsd()).isCloseTo(600.0, within(1e-9));
  }

  @Test
  void identicalSidesDifferNowhere() {
    SideRecords side =
        new SideRecords(
            List.of(p("s1", "e1", 0, "calm")),
            List.of(d("s1", 0, PacingPhase.PACING_PHASE_BUILD_UP, "neutral", 0, false)),
            List.of(request(GenerationPurpose.GENERATION_PURPOSE_NPC_LINE, 80)));
    WhatIfDiff diff = WhatIfDiff.of(side, side, 0, T, cost);
    assertThat(diff.emotion().agreement()).isEqualTo(1.0);
    assertThat(diff.narrative().decisionDifferences()).isZero();
    assertThat(diff.narrative().requestDifferences()).isZero();
    assertThat(diff.mostChanged()).isEmpty();
    assertThat(diff.examples()).hasSize(1);
    assertThat(diff.labels().available()).isFalse();
  }

  @Test
  void labelsJudgeBothSidesByThePredictionEachHeldAtTheLabelsMoment() {
    List<EmotionPrediction> prod =
        List.of(
            p("s1", "e1", 0, "calm"),
            p("s1", "e2", 1000, "frustration"),
            p("s1", "e3", 2000, "joy"));
    List<EmotionPrediction> cand = List.of(p("s1", "e1", 0, "calm"), p("s1", "e3", 2000, "joy"));
    List<EmotionLabel> labels =
        List.of(
            label("l1", "s1", 500, "calm"),
            label("l2", "s1", 1500, "frustration"), // the candidate still held calm
            label("l3", "s1", 2500, "joy"),
            label("l4", "s1", -100, "calm"), // before any prediction
            label("l5", "s2", 500, "calm"), // a session without predictions
            label("l6", "s1", 2000 + 61_000, "joy")); // the last prediction is too old

    LabelComparison l = LabelComparison.of(labels, prod, cand);

    assertThat(l.available()).isTrue();
    assertThat(l.labels()).isEqualTo(6);
    assertThat(l.joined()).isEqualTo(3);
    assertThat(l.production().accuracy()).isEqualTo(1.0);
    assertThat(l.production().macroF1()).isEqualTo(1.0);
    assertThat(l.candidate().accuracy()).isCloseTo(2 / 3.0, within(1e-9));
    // calm 2·1/(1+2), frustration 0, joy 1: the mean over the three labelled emotions.
    assertThat(l.candidate().macroF1()).isCloseTo((2 / 3.0 + 0 + 1) / 3, within(1e-9));
    assertThat(l.candidate().confusion()[4][2]).isEqualTo(1); // frustration labelled, calm said
    assertThat(l.note()).startsWith("6 labels on empath.emotion.label.v1, 3 judged");
  }

  @Test
  void labelsThatMeetNoPredictionOnBothSidesAreNoFigures() {
    List<EmotionPrediction> prod = List.of(p("s1", "e1", 0, "calm"));
    LabelComparison l =
        LabelComparison.of(List.of(label("l1", "s1", 100, "calm")), prod, List.of());
    assertThat(l.available()).isFalse();
    assertThat(l.note())
        .isEqualTo("1 labels on empath.emotion.label.v1, none met a prediction on both sides");
    assertThat(LabelComparison.of(List.of(), prod, prod).note())
        .isEqualTo("no labels for this range on empath.emotion.label.v1");
  }

  private static EmotionLabel label(String id, String session, long t, String emotion) {
    return EmotionLabel.newBuilder()
        .setLabelId(id)
        .setGameId("g1")
        .setSessionId(session)
        .setPlayerId("p-" + session)
        .setTimestampMs(T + t)
        .setEmotion(emotion)
        .setSource("self_report")
        .build();
  }

  private static EmotionPrediction p(String session, String event, long t, String emotion) {
    return EmotionPrediction.newBuilder()
        .setGameId("g1")
        .setSessionId(session)
        .setSourceEventId(event)
        .setPredictionId(session + "/" + event)
        .setTimestampMs(T + t)
        .setDominantEmotion(emotion)
        .setConfidence(0.8f)
        .build();
  }

  private static NarrativeDecision d(
      String session, long t, PacingPhase phase, String tone, float difficulty, boolean hint) {
    return NarrativeDecision.newBuilder()
        .setDecisionId(session + "-" + t)
        .setGameId("g1")
        .setSessionId(session)
        .setTimestampMs(T + t)
        .setPhase(phase)
        .setDialogueTone(tone)
        .setDifficultyAdjustment(difficulty)
        .setOfferHint(hint)
        .build();
  }

  private static GenerationRequest request(GenerationPurpose purpose, int maxTokens) {
    return GenerationRequest.newBuilder()
        .setRequestId("r-" + purpose)
        .setGameId("g1")
        .setSessionId("s1")
        .setPurpose(purpose)
        .setMaxTokens(maxTokens)
        .setCreatedAtMs(T)
        .build();
  }
}

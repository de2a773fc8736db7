package dev.empath.narrative.director;

import static dev.empath.narrative.director.DirectorScenario.given;
import static dev.empath.narrative.testing.Predictions.T0;
import static dev.empath.narrative.testing.Predictions.agitated;
import static dev.empath.narrative.testing.Predictions.bored;
import static dev.empath.narrative.testing.Predictions.calm;
import static dev.empath.narrative.testing.Predictions.emotion;
import static dev.empath.narrative.testing.Predictions.frustrated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.schemas.v1.DecisionReason;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PacingPhase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The director without Kafka, on the shipped default policy: peak_enter 0.75, peak_exit 0.55,
 * relax_exit 0.35, min peak 20 s, max peak 60 s, fade 10 s, relax 30 s; hint after 30 s of
 * frustration >= 0.4, cooldown 120 s; difficulty within ±0.5, steps of at most 0.1.
 */
class PacingDirectorTest {

  private static final NarrativePolicy POLICY = DefaultPolicy.load();
  private static final String G = "game-1";
  private static final String S = "session-1";

  @Test
  void fullPhaseCycleHonoursEveryDuration() {
    DirectorScenario run =
        given(POLICY)
            .everySecond(0, 7, t -> agitated(G, S, t)) // intensity crosses 0.75 at t=6
            .everySecond(7, 80, t -> calm(G, S, t)); // decays below 0.55 within seconds

    // Peak is held for min_peak (20 s) although intensity fell below peak_exit long before;
    // fade lasts 10 s; relax 30 s, then build-up as intensity is below relax_exit.
    assertThat(run.phaseChanges(T0))
        .containsExactly("BUILD_UP@0", "SUSTAIN_PEAK@6", "PEAK_FADE@26", "RELAX@36", "BUILD_UP@66");
    assertThat(reasonCodes(run.phaseEntries().get(1), "phase"))
        .containsExactly("intensity_reached_peak_enter");
    assertThat(reasonCodes(run.phaseEntries().get(2), "phase"))
        .containsExactly("intensity_below_peak_exit");
    assertThat(reasonCodes(run.phaseEntries().get(3), "phase"))
        .containsExactly("fade_duration_elapsed");
    assertThat(run.phaseEntries().get(4).getSceneAdjustmentsMap())
        .containsEntry("music", "building");
    assertThat(run.phaseEntries().get(3).getSceneAdjustmentsMap())
        .containsEntry("spawn_pressure", "none");
  }

  @Test
  void agitationThatNeverStopsEndsThePeakAtMaxDurationAndKeepsRelaxUntilIntensityDrops() {
    DirectorScenario run = given(POLICY).everySecond(0, 120, t -> agitated(G, S, t));

    assertThat(run.phaseChanges(T0))
        .containsExactly("BUILD_UP@0", "SUSTAIN_PEAK@6", "PEAK_FADE@66", "RELAX@76");
    assertThat(run.state().phase()).isEqualTo(PacingPhase.PACING_PHASE_RELAX);
    assertThat(reasonCodes(run.phaseEntries().get(2), "phase"))
        .containsExactly("max_peak_duration_reached");
    assertThat(run.state().lastEventMs() - run.state().phaseSinceMs())
        .as("relax outlasts relax_ms while intensity stays above relax_exit")
        .isGreaterThan(30_000);
  }

  @Test
  void inputOscillatingAroundPeakEnterDoesNotFlap() {
    // Stimulus alternates so intensity settles around 0.743 .. 0.757, across peak_enter (0.75)
    // on every prediction, and far above peak_exit (0.55).
    DirectorScenario run =
        given(POLICY)
            .everySecond(
                0,
                150,
                t ->
                    ((int) t) % 2 == 0
                        ? emotion(G, S, t, "excitement", 1f, 0.8f, -0.29f, Map.of("excitement", 1f))
                        : emotion(
                            G, S, t, "excitement", 1f, 0.8f, -0.04f, Map.of("excitement", 1f)));

    assertThat(run.phaseChanges(T0))
        .as("one build-up, one peak held to its maximum, one fade, and relax held")
        .hasSize(4)
        .startsWith("BUILD_UP@0")
        .endsWith("RELAX@" + (secondsOfPeak(run) + 70));
    assertThat(run.decisions()).as("decisions only on actionable changes").hasSizeLessThan(10);
  }

  @Test
  void toneNeedsTwoConsecutiveProposalsSoAlternatingDominantEmotionsDoNotFlap() {
    DirectorScenario run = given(POLICY).when(calm(G, S, 0));
    for (int t = 1; t < 40; t++) {
      run.when(
          t % 2 == 1
              ? calm(G, S, t)
              : emotion(G, S, t, "anxiety", 0.9f, 0.3f, -0.1f, Map.of("anxiety", 0.6f)));
    }
    assertThat(run.decisions())
        .extracting(NarrativeDecision::getDialogueTone)
        .containsOnly("neutral");

    run.when(emotion(G, S, 40, "anxiety", 0.9f, 0.3f, -0.1f, Map.of("anxiety", 0.6f)))
        .when(emotion(G, S, 41, "anxiety", 0.9f, 0.3f, -0.1f, Map.of("anxiety", 0.6f)));
    assertThat(run.last().changes().toneChanged()).isTrue();
    assertThat(run.last().decision())
        .get()
        .extracting(NarrativeDecision::getDialogueTone)
        .isEqualTo("empathetic");
  }

  @Test
  void hintOnlyAfterFrustrationPersistsAndThenRespectsTheCooldown() {
    DirectorScenario run = given(POLICY).everySecond(0, 200, t -> frustrated(G, S, t, 0.6f));

    assertThat(hintTimes(run)).containsExactly(30L, 150L);
    assertThat(run.steps().get(29).changes().hintOffered()).as("not before 30 s").isFalse();
    NarrativeDecision hint = run.steps().get(30).decision().orElseThrow();
    assertThat(reasonCodes(hint, "hint")).containsExactly("hint_emotion_persisted");
  }

  @Test
  void frustrationThatKeepsLettingUpNeverEarnsAHint() {
    DirectorScenario run =
        given(POLICY)
            .everySecond(
                0,
                300,
                t ->
                    ((int) t) % 25 < 20
                        ? frustrated(G, S, t, 0.6f)
                        : calm(
                            G, S, t)); // 20 s frustrated, 5 s calm: the clock restarts every time

    assertThat(hintTimes(run)).isEmpty();
  }

  @Test
  void frustrationWobblingJustBelowTheThresholdKeepsTheClockRunning() {
    // 0.42 and 0.36 alternate: 0.36 is below min_score (0.4) but above 80% of it.
    DirectorScenario run =
        given(POLICY)
            .everySecond(0, 40, t -> frustrated(G, S, t, ((int) t) % 2 == 0 ? 0.42f : 0.36f));

    assertThat(hintTimes(run)).containsExactly(30L);
  }

  @Test
  void difficultyIsBoundedAndMovesAtMostOneStepPerPrediction() {
    DirectorScenario run =
        given(POLICY)
            .everySecond(0, 30, t -> frustrated(G, S, t, 1f))
            .everySecond(30, 60, t -> bored(G, S, t))
            .everySecond(
                60, 100, t -> ((int) t) % 2 == 0 ? frustrated(G, S, t, 1f) : bored(G, S, t));

    double previous = 0;
    double min = 0;
    double max = 0;
    for (Step step : run.steps()) {
      double d = step.state().difficulty();
      assertThat(Math.abs(d - previous)).isLessThanOrEqualTo(0.1 + 1e-6);
      assertThat(Math.abs(d)).isLessThanOrEqualTo(0.5 + 1e-6);
      previous = d;
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).as("eased as far as allowed under frustration").isCloseTo(-0.5, within());
    assertThat(max).as("raised as far as allowed under boredom").isCloseTo(0.5, within());
    assertThat(run.decisions())
        .allSatisfy(
            d -> assertThat(Math.abs(d.getDifficultyAdjustment())).isLessThanOrEqualTo(0.5f));
  }

  @Test
  void firstPredictionAlwaysDecidesAndUnchangedInputDecidesNothingMore() {
    DirectorScenario run = given(POLICY).everySecond(0, 15, t -> calm(G, S, t));

    assertThat(run.decisions()).hasSize(1);
    NarrativeDecision first = run.decisions().get(0);
    assertThat(first.getPhase()).isEqualTo(PacingPhase.PACING_PHASE_BUILD_UP);
    assertThat(first.getPolicyVersion()).isEqualTo(POLICY.getVersion());
    assertThat(first.getDialogueTone()).isEqualTo("neutral");
    assertThat(first.getReasonsList())
        .extracting(DecisionReason::getAspect)
        .contains("phase", "difficulty", "tone", "hint", "scene");
    assertThat(first.getDecisionId()).isEqualTo(PacingDirector.decisionId(calm(G, S, 0)));
  }

  @Test
  void aNewPolicyVersionIsActionableAndNamedInTheDecision() {
    NarrativePolicy v2 = POLICY.toBuilder().setVersion("default-2").setDefaultTone("wry").build();
    DirectorScenario run =
        given(POLICY).everySecond(0, 5, t -> calm(G, S, t)).policy(v2).when(calm(G, S, 5));

    assertThat(run.last().changes().policyChanged()).isTrue();
    assertThat(run.last().decision())
        .get()
        .extracting(NarrativeDecision::getPolicyVersion)
        .isEqualTo("default-2");
    assertThat(reasonCodes(run.last().decision().orElseThrow(), "policy"))
        .containsExactly("policy_version_changed");
  }

  @Test
  void aLatePredictionDoesNotTurnTheClockBack() {
    DirectorScenario run =
        given(POLICY).everySecond(0, 7, t -> agitated(G, S, t)).when(calm(G, S, 2));

    assertThat(run.state().lastEventMs()).isEqualTo(T0 + 6_000);
    assertThat(run.state().phase()).isEqualTo(PacingPhase.PACING_PHASE_SUSTAIN_PEAK);
  }

  private static long secondsOfPeak(DirectorScenario run) {
    return run.decisions().stream()
        .filter(d -> d.getPhase() == PacingPhase.PACING_PHASE_SUSTAIN_PEAK)
        .findFirst()
        .map(d -> (d.getTimestampMs() - T0) / 1000)
        .orElseThrow();
  }

  private static java.util.List<Long> hintTimes(DirectorScenario run) {
    return run.decisions().stream()
        .filter(NarrativeDecision::getOfferHint)
        .map(d -> (d.getTimestampMs() - T0) / 1000)
        .toList();
  }

  private static java.util.List<String> reasonCodes(NarrativeDecision d, String aspect) {
    return d.getReasonsList().stream()
        .filter(r -> r.getAspect().equals(aspect))
        .map(DecisionReason::getCode)
        .toList();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}

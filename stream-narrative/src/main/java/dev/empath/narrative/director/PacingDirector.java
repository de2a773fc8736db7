package dev.empath.narrative.director;

import dev.empath.schemas.v1.DecisionReason;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PacingPhase;
import dev.empath.schemas.v1.SceneCues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The pacing director, in the spirit of Left 4 Dead's AI Director: a pure function of (session
 * state, emotion prediction, policy) to (next state, optional decision). No Kafka, no clock: time
 * is the prediction's event time, so a replay of the same predictions yields the same decisions.
 */
public final class PacingDirector {

  private PacingDirector() {}

  /**
   * One step for {@code prediction}.
   *
   * @param previous the session's state, empty for its first prediction
   */
  public static Step step(
      Optional<DirectorState> previous, EmotionPrediction prediction, NarrativePolicy policy) {
    boolean first = previous.isEmpty();
    DirectorState before =
        previous.orElseGet(() -> DirectorState.start(prediction.getTimestampMs()));
    // Event time never runs backwards for a session: a late prediction counts as "now".
    long now = Math.max(before.lastEventMs(), prediction.getTimestampMs());
    // Reasons are only rendered for a decision that is emitted: most predictions emit none.
    List<Supplier<DecisionReason>> reasons = new ArrayList<>();

    double intensity =
        Intensity.next(
            first ? 0 : before.intensity(),
            now - before.lastEventMs(),
            prediction,
            policy.getIntensity());
    PhaseMachine.Transition phase =
        PhaseMachine.next(
            before.phase(), before.phaseSinceMs(), intensity, now, policy.getPhases());
    boolean phaseChanged = phase.changedFrom(before.phase());
    reasons.add(() -> reason("phase", phase.code(), phase.detail()));

    double difficulty = Difficulty.next(before.difficulty(), prediction, policy.getDifficulty());
    boolean difficultyStepped =
        !first
            && Difficulty.worthEmitting(
                difficulty, before.emittedDifficulty(), policy.getDifficulty());
    reasons.add(() -> difficultyReason(prediction, policy, difficulty));

    Tones.Choice proposed = Tones.select(prediction, phase.phase(), policy);
    ToneOutcome tone = tone(first, before, proposed);
    reasons.add(
        () ->
            reason(
                "tone",
                proposed.ruleIndex() >= 0 ? "tone_rule_matched" : "default_tone",
                String.format(
                    Locale.ROOT,
                    "proposed=%s rule=%d in_force=%s dominant=%s confidence=%.2f",
                    proposed.tone(),
                    proposed.ruleIndex(),
                    tone.tone(),
                    prediction.getDominantEmotion(),
                    prediction.getConfidence())));

    Hints.Outcome hint =
        Hints.evaluate(
            prediction, now, before.strugglingSinceMs(), before.lastHintMs(), policy.getHint());
    reasons.add(
        () ->
            reason(
                "hint",
                hint.code(),
                String.format(
                    Locale.ROOT,
                    "%s=%.2f min_score=%.2f persist_ms=%d cooldown_ms=%d",
                    policy.getHint().getEmotion(),
                    prediction.getAllScoresOrDefault(policy.getHint().getEmotion(), 0f),
                    policy.getHint().getMinScore(),
                    policy.getHint().getPersistMs(),
                    policy.getHint().getCooldownMs())));

    boolean policyChanged = !first && !before.policyVersion().equals(policy.getVersion());
    Changes changes =
        new Changes(
            first, phaseChanged, tone.changed(), hint.offer(), difficultyStepped, policyChanged);
    if (policyChanged) {
      reasons.add(
          () ->
              reason(
                  "policy",
                  "policy_version_changed",
                  before.policyVersion() + " -> " + policy.getVersion()));
    }
    boolean emit = changes.actionable();
    String sceneKey = sceneKey(phase.phase());
    SceneCues cues = policy.getSceneCuesOrDefault(sceneKey, SceneCues.getDefaultInstance());
    reasons.add(
        () ->
            reason(
                "scene",
                "scene_cues_for_phase",
                "phase=" + sceneKey + " cues=" + cues.getCuesCount()));

    DirectorState after =
        new DirectorState(
            policy.getVersion(),
            phase.phase(),
            phase.sinceMs(),
            intensity,
            now,
            difficulty,
            emit ? difficulty : before.emittedDifficulty(),
            tone.tone(),
            tone.pendingTone(),
            tone.pendingCount(),
            hint.strugglingSinceMs(),
            hint.lastHintMs(),
            before.decisions() + (emit ? 1 : 0));
    if (!emit) {
      return new Step(after, changes, Optional.empty());
    }
    NarrativeDecision decision =
        NarrativeDecision.newBuilder()
            .setDecisionId(decisionId(prediction))
            .setGameId(prediction.getGameId())
            .setPlayerId(prediction.getPlayerId())
            .setSessionId(prediction.getSessionId())
            .setTimestampMs(now)
            .setPhase(phase.phase())
            .setPhaseSinceMs(phase.sinceMs())
            .setIntensity((float) intensity)
            .setDifficultyAdjustment((float) difficulty)
            .setDialogueTone(tone.tone())
            .putAllSceneAdjustments(cues.getCuesMap())
            .setOfferHint(hint.offer())
            .addAllReasons(reasons.stream().map(Supplier::get).toList())
            .setPolicyVersion(policy.getVersion())
            .setSourcePredictionId(prediction.getPredictionId())
            .setDominantEmotion(prediction.getDominantEmotion())
            .setSceneId(prediction.getSceneId())
            .setCharacterId(prediction.getCharacterId())
            .build();
    return new Step(after, changes, Optional.of(decision));
  }

  /** Deterministic from session and triggering prediction: a replay yields the same id. */
  public static String decisionId(EmotionPrediction prediction) {
    String seed = "decision|" + prediction.getSessionId() + "|" + prediction.getPredictionId();
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Key of a phase in the policy's scene cues: {@code build_up}, {@code sustain_peak}, ... */
  public static String sceneKey(PacingPhase phase) {
    return phase.name().replace("PACING_PHASE_", "").toLowerCase(Locale.ROOT);
  }

  private record ToneOutcome(String tone, String pendingTone, int pendingCount, boolean changed) {}

  private static ToneOutcome tone(boolean first, DirectorState before, Tones.Choice proposed) {
    if (first) {
      return new ToneOutcome(proposed.tone(), "", 0, false);
    }
    if (proposed.tone().equals(before.tone())) {
      return new ToneOutcome(before.tone(), "", 0, false);
    }
    int count = proposed.tone().equals(before.pendingTone()) ? before.pendingToneCount() + 1 : 1;
    if (count >= Tones.CONFIRMATIONS) {
      return new ToneOutcome(proposed.tone(), "", 0, true);
    }
    return new ToneOutcome(before.tone(), proposed.tone(), count, false);
  }

  private static DecisionReason difficultyReason(
      EmotionPrediction p, NarrativePolicy policy, double difficulty) {
    double target = Difficulty.target(p, policy.getDifficulty());
    String code =
        target < -1e-6
            ? "frustration_eases_difficulty"
            : target > 1e-6 ? "boredom_raises_difficulty" : "difficulty_neutral";
    return reason(
        "difficulty",
        code,
        String.format(
            Locale.ROOT,
            "target=%.3f adjustment=%.3f max_adjustment=%.2f max_step=%.2f",
            target,
            difficulty,
            policy.getDifficulty().getMaxAdjustment(),
            policy.getDifficulty().getMaxStep()));
  }

  private static DecisionReason reason(String aspect, String code, String detail) {
    return DecisionReason.newBuilder().setAspect(aspect).setCode(code).setDetail(detail).build();
  }
}

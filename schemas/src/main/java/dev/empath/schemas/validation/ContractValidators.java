package dev.empath.schemas.validation;

import static dev.empath.schemas.validation.Limits.*;

import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionModelDocument;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationPurpose;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.schemas.v1.InteractionKind;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import dev.empath.schemas.v1.PhaseRules;
import dev.empath.schemas.v1.PlayerBehaviorData;

/** The one place that decides what a valid record of each message type is. */
public final class ContractValidators {

  private ContractValidators() {}

  public static final Validator<PlayerBehaviorData> BEHAVIOR =
      b ->
          new Checks()
              .id("event_id", b.getEventId())
              .id("game_id", b.getGameId())
              .id("player_id", b.getPlayerId())
              .id("session_id", b.getSessionId())
              .optionalId("scene_id", b.getSceneId())
              .optionalId("character_id", b.getCharacterId())
              .timestamp("timestamp_ms", b.getTimestampMs())
              .range("decision_latency_ms", b.getDecisionLatencyMs(), 0, MAX_DECISION_LATENCY_MS)
              .range("action_frequency", b.getActionFrequency(), 0, MAX_ACTION_FREQUENCY)
              .size("recent_choices", b.getRecentChoicesList(), MAX_RECENT_CHOICES)
              .numberMap(
                  "context_data",
                  b.getContextDataMap(),
                  MAX_CONTEXT_ENTRIES,
                  -MAX_CONTEXT_VALUE,
                  MAX_CONTEXT_VALUE)
              .result();

  public static final Validator<EmotionPrediction> EMOTION =
      p ->
          new Checks()
              .id("prediction_id", p.getPredictionId())
              .id("game_id", p.getGameId())
              .id("player_id", p.getPlayerId())
              .id("session_id", p.getSessionId())
              .id("dominant_emotion", p.getDominantEmotion())
              .timestamp("timestamp_ms", p.getTimestampMs())
              .range("confidence", p.getConfidence(), 0, 1)
              .range("valence", p.getValence(), -1, 1)
              .range("arousal", p.getArousal(), 0, 1)
              .numberMap("all_scores", p.getAllScoresMap(), MAX_SCORES, 0, 1)
              .numberMap(
                  "features",
                  p.getFeaturesMap(),
                  MAX_FEATURES,
                  -MAX_CONTEXT_VALUE,
                  MAX_CONTEXT_VALUE)
              .require(p.getEventsSeen() >= 0, "events_seen must be >= 0, was " + p.getEventsSeen())
              .result();

  /** Emotions a label may name: those every prediction scores, in their usual order. */
  public static final java.util.List<String> LABEL_EMOTIONS_IN_ORDER =
      java.util.List.of("joy", "excitement", "calm", "boredom", "frustration", "anxiety");

  public static final java.util.Set<String> LABEL_EMOTIONS =
      java.util.Set.copyOf(LABEL_EMOTIONS_IN_ORDER);

  /** Who may label. */
  public static final java.util.Set<String> LABEL_SOURCES =
      java.util.Set.of("self_report", "annotator", "simulator");

  public static final Validator<EmotionLabel> LABEL =
      l ->
          new Checks()
              .id("label_id", l.getLabelId())
              .id("game_id", l.getGameId())
              .id("session_id", l.getSessionId())
              .id("player_id", l.getPlayerId())
              .timestamp("timestamp_ms", l.getTimestampMs())
              .require(
                  LABEL_EMOTIONS.contains(l.getEmotion()),
                  "emotion must be one of "
                      + new java.util.TreeSet<>(LABEL_EMOTIONS)
                      + ", was '"
                      + l.getEmotion()
                      + "'")
              .range("valence", l.hasValence() ? l.getValence() : 0, -1, 1)
              .range("arousal", l.hasArousal() ? l.getArousal() : 0, 0, 1)
              .require(
                  LABEL_SOURCES.contains(l.getSource()),
                  "source must be one of "
                      + new java.util.TreeSet<>(LABEL_SOURCES)
                      + ", was '"
                      + l.getSource()
                      + "'")
              .result();

  /**
   * The envelope of a model document; what a model kind needs is checked by stream-emotion's
   * admission, which knows the features it provides.
   */
  public static final Validator<EmotionModelDocument> MODEL =
      d ->
          new Checks()
              .id("version", d.getVersion())
              .require(
                  d.getGameId().equals("*") || !d.getGameId().isBlank(),
                  "game_id is required (\"*\" for every game)")
              .text("game_id", d.getGameId(), MAX_ID_LENGTH)
              .text("description", d.getDescription(), MAX_SHORT_TEXT)
              .result();

  public static final Validator<CharacterInteraction> INTERACTION =
      i ->
          new Checks()
              .id("event_id", i.getEventId())
              .id("game_id", i.getGameId())
              .id("player_id", i.getPlayerId())
              .id("character_id", i.getCharacterId())
              .optionalId("session_id", i.getSessionId())
              .optionalId("scene_id", i.getSceneId())
              .timestamp("timestamp_ms", i.getTimestampMs())
              .require(
                  i.getKind() != InteractionKind.INTERACTION_KIND_UNSPECIFIED
                      && i.getKind() != InteractionKind.UNRECOGNIZED,
                  "kind must be a known InteractionKind, was " + i.getKindValue())
              .range("impact", i.getImpact(), -1, 1)
              .text("player_text", i.getPlayerText(), MAX_PLAYER_TEXT)
              .text("summary", i.getSummary(), MAX_SHORT_TEXT)
              .result();

  public static final Validator<NarrativeDecision> NARRATIVE =
      d ->
          new Checks()
              .id("decision_id", d.getDecisionId())
              .id("game_id", d.getGameId())
              .id("player_id", d.getPlayerId())
              .id("session_id", d.getSessionId())
              .timestamp("timestamp_ms", d.getTimestampMs())
              .range("intensity", d.getIntensity(), 0, 1)
              .range("difficulty_adjustment", d.getDifficultyAdjustment(), -1, 1)
              .text("dialogue_tone", d.getDialogueTone(), MAX_KEY_LENGTH)
              .stringMap("scene_adjustments", d.getSceneAdjustmentsMap(), MAX_RULES)
              .size("reasons", d.getReasonsList(), MAX_REASONS)
              .id("policy_version", d.getPolicyVersion())
              .result();

  public static final Validator<NarrativePolicy> POLICY = ContractValidators::policyViolations;

  public static final Validator<GenerationRequest> GENERATION_REQUEST =
      r ->
          new Checks()
              .id("request_id", r.getRequestId())
              .id("game_id", r.getGameId())
              .id("session_id", r.getSessionId())
              .optionalId("player_id", r.getPlayerId())
              .optionalId("character_id", r.getCharacterId())
              .require(
                  r.getPurpose() != GenerationPurpose.GENERATION_PURPOSE_UNSPECIFIED
                      && r.getPurpose() != GenerationPurpose.UNRECOGNIZED,
                  "purpose must be a known GenerationPurpose, was " + r.getPurposeValue())
              .timestamp("created_at_ms", r.getCreatedAtMs())
              .require(
                  r.getDeadlineMs() > r.getCreatedAtMs(),
                  "deadline_ms must be after created_at_ms, was " + r.getDeadlineMs())
              .range("max_tokens", r.getMaxTokens(), 1, MAX_TOKENS)
              .range("temperature", r.getTemperature(), 0, 2)
              .range("intensity", r.getIntensity(), 0, 1)
              .text("tone", r.getTone(), MAX_KEY_LENGTH)
              .text("model", r.getModel(), MAX_ID_LENGTH)
              .text("player_text", r.getPlayerText(), MAX_PLAYER_TEXT)
              .result();

  public static final Validator<GenerationResult> GENERATION_RESULT =
      r ->
          new Checks()
              .id("request_id", r.getRequestId())
              .id("game_id", r.getGameId())
              .id("session_id", r.getSessionId())
              .require(
                  r.getStatus() != GenerationStatus.GENERATION_STATUS_UNSPECIFIED
                      && r.getStatus() != GenerationStatus.UNRECOGNIZED,
                  "status must be SUCCEEDED or FAILED, was " + r.getStatusValue())
              .text("text", r.getText(), MAX_GENERATED_TEXT)
              .text("reason", r.getReason(), MAX_SHORT_TEXT)
              .require(r.getTokensIn() >= 0 && r.getTokensOut() >= 0, "token counts must be >= 0")
              .require(r.getLatencyMs() >= 0, "latency_ms must be >= 0, was " + r.getLatencyMs())
              .range("cost_usd", r.getCostUsd(), 0, 1e6)
              .result();

  private static java.util.List<String> policyViolations(NarrativePolicy p) {
    PhaseRules phases = p.getPhases();
    return new Checks()
        .id("version", p.getVersion())
        .id("game_id", p.getGameId())
        .require(p.hasIntensity(), "intensity rules are required")
        .require(p.hasPhases(), "phase rules are required")
        .range("intensity.arousal_gain", p.getIntensity().getArousalGain(), 0, 10)
        .range("intensity.negative_valence_gain", p.getIntensity().getNegativeValenceGain(), 0, 10)
        .range("intensity.decay_per_second", p.getIntensity().getDecayPerSecond(), 0, 1)
        .range("phases.peak_enter", phases.getPeakEnter(), 0, 1)
        .range("phases.peak_exit", phases.getPeakExit(), 0, 1)
        .range("phases.relax_exit", phases.getRelaxExit(), 0, 1)
        .require(
            phases.getPeakExit() <= phases.getPeakEnter(),
            "phases.peak_exit must not exceed phases.peak_enter (hysteresis)")
        .require(
            phases.getMinPeakMs() >= 0
                && phases.getMaxPeakMs() >= phases.getMinPeakMs()
                && phases.getFadeMs() >= 0
                && phases.getRelaxMs() >= 0,
            "phase durations must be >= 0 and max_peak_ms >= min_peak_ms")
        .range("difficulty.max_adjustment", p.getDifficulty().getMaxAdjustment(), 0, 1)
        .range("difficulty.max_step", p.getDifficulty().getMaxStep(), 0, 1)
        .range("hint.min_score", p.getHint().getMinScore(), 0, 1)
        .require(p.getHint().getPersistMs() >= 0, "hint.persist_ms must be >= 0")
        .size("tone_rules", p.getToneRulesList(), MAX_RULES)
        .size("content_triggers", p.getContentTriggersList(), MAX_RULES)
        .size("scene_cues", p.getSceneCuesMap().size(), MAX_RULES)
        .result();
  }
}

package dev.empath.readmodel.session;

import java.util.List;
import java.util.Map;

/** The latest narrative decision of a session. */
public record NarrativeSnapshot(
    String decisionId,
    String gameId,
    String sessionId,
    String playerId,
    long timestampMs,
    String phase,
    long phaseSinceMs,
    double intensity,
    double difficultyAdjustment,
    String dialogueTone,
    Map<String, String> sceneAdjustments,
    boolean offerHint,
    List<Reason> reasons,
    String policyVersion,
    String sourcePredictionId,
    String dominantEmotion,
    String sceneId,
    String characterId) {

  public NarrativeSnapshot {
    sceneAdjustments = sceneAdjustments == null ? Map.of() : Map.copyOf(sceneAdjustments);
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }

  /** Why one aspect of the decision is what it is. */
  public record Reason(String aspect, String code, String detail) {}
}

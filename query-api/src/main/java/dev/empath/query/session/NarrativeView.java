package dev.empath.query.session;

import dev.empath.readmodel.session.NarrativeSnapshot;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A session's latest narrative decision as the API shows it. */
@Serdeable
public record NarrativeView(
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
    List<ReasonView> reasons,
    String policyVersion,
    String sourcePredictionId,
    String dominantEmotion,
    String sceneId,
    String characterId) {

  /** Why one aspect of the decision is what it is. */
  @Serdeable
  public record ReasonView(String aspect, String code, String detail) {}

  public static NarrativeView of(NarrativeSnapshot n) {
    return new NarrativeView(
        n.decisionId(),
        n.gameId(),
        n.sessionId(),
        n.playerId(),
        n.timestampMs(),
        n.phase(),
        n.phaseSinceMs(),
        n.intensity(),
        n.difficultyAdjustment(),
        n.dialogueTone(),
        new TreeMap<>(n.sceneAdjustments()),
        n.offerHint(),
        n.reasons().stream().map(r -> new ReasonView(r.aspect(), r.code(), r.detail())).toList(),
        n.policyVersion(),
        n.sourcePredictionId(),
        n.dominantEmotion(),
        n.sceneId(),
        n.characterId());
  }
}

package dev.empath.query.live;

import dev.empath.query.session.EmotionView;
import dev.empath.query.session.NarrativeView;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.NarrativeDecision;
import java.util.Locale;
import java.util.TreeMap;

/** Contract messages as the API's views, named as the read model names them. */
final class LiveMapping {

  private LiveMapping() {}

  static EmotionView emotion(EmotionPrediction p) {
    TreeMap<String, Double> scores = new TreeMap<>();
    p.getAllScoresMap().forEach((k, v) -> scores.put(k, (double) v));
    return new EmotionView(
        p.getPredictionId(),
        p.getGameId(),
        p.getSessionId(),
        p.getPlayerId(),
        p.getTimestampMs(),
        p.getDominantEmotion(),
        p.getConfidence(),
        scores,
        p.getValence(),
        p.getArousal(),
        p.getModelVersion(),
        p.getEventsSeen(),
        p.getSceneId(),
        p.getCharacterId());
  }

  static NarrativeView decision(NarrativeDecision d) {
    return new NarrativeView(
        d.getDecisionId(),
        d.getGameId(),
        d.getSessionId(),
        d.getPlayerId(),
        d.getTimestampMs(),
        enumName(d.getPhase().name(), "PACING_PHASE_"),
        d.getPhaseSinceMs(),
        d.getIntensity(),
        d.getDifficultyAdjustment(),
        d.getDialogueTone(),
        new TreeMap<>(d.getSceneAdjustmentsMap()),
        d.getOfferHint(),
        d.getReasonsList().stream()
            .map(r -> new NarrativeView.ReasonView(r.getAspect(), r.getCode(), r.getDetail()))
            .toList(),
        d.getPolicyVersion(),
        d.getSourcePredictionId(),
        d.getDominantEmotion(),
        d.getSceneId(),
        d.getCharacterId());
  }

  static GeneratedLineView line(GenerationResult r) {
    return new GeneratedLineView(
        r.getRequestId(),
        r.getSessionId(),
        r.getPlayerId(),
        r.getCharacterId(),
        enumName(r.getPurpose().name(), "GENERATION_PURPOSE_"),
        r.getTone(),
        enumName(r.getStatus().name(), "GENERATION_STATUS_"),
        r.getText(),
        r.getReason(),
        r.getCompletedAtMs());
  }

  static String enumName(String name, String prefix) {
    return (name.startsWith(prefix) ? name.substring(prefix.length()) : name)
        .toLowerCase(Locale.ROOT);
  }
}

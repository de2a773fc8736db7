package dev.empath.projector.fold;

import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.character.SpokenLine;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.session.NarrativeSnapshot;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.NarrativeDecision;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Maps contract messages to the read-model records stored in Redis. */
final class Snapshots {

  /** Player text kept in a memory; the full text stays in the topic. */
  static final int MAX_MEMORY_TEXT = 500;

  private Snapshots() {}

  static EmotionSnapshot emotion(EmotionPrediction p) {
    // Unordered is enough: the snapshot copies the map, and the JSON sorts its entries.
    Map<String, Double> scores = new HashMap<>(p.getAllScoresCount() * 2);
    p.getAllScoresMap().forEach((k, v) -> scores.put(k, (double) v));
    return new EmotionSnapshot(
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

  static NarrativeSnapshot narrative(NarrativeDecision d) {
    return new NarrativeSnapshot(
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
            .map(r -> new NarrativeSnapshot.Reason(r.getAspect(), r.getCode(), r.getDetail()))
            .toList(),
        d.getPolicyVersion(),
        d.getSourcePredictionId(),
        d.getDominantEmotion(),
        d.getSceneId(),
        d.getCharacterId());
  }

  static Memory memory(CharacterInteraction i, double importance) {
    String text = i.getPlayerText();
    return new Memory(
        i.getEventId(),
        enumName(i.getKind().name(), "INTERACTION_KIND_"),
        i.getSummary(),
        text.length() <= MAX_MEMORY_TEXT ? text : text.substring(0, MAX_MEMORY_TEXT),
        i.getImpact(),
        importance,
        i.getTimestampMs(),
        i.getSessionId(),
        i.getSceneId());
  }

  static SpokenLine line(GenerationResult r) {
    return new SpokenLine(
        r.getRequestId(),
        r.getSessionId(),
        r.getPlayerId(),
        enumName(r.getPurpose().name(), "GENERATION_PURPOSE_"),
        r.getTone(),
        r.getText(),
        r.getProvider(),
        r.getModel(),
        r.getCompletedAtMs());
  }

  static String enumName(String name, String prefix) {
    return (name.startsWith(prefix) ? name.substring(prefix.length()) : name)
        .toLowerCase(Locale.ROOT);
  }
}

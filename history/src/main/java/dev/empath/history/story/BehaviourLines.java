package dev.empath.history.story;

import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What a behaviour event and an emotion prediction said. */
final class BehaviourLines {

  private BehaviourLines() {}

  static Said behaviour(PlayerBehaviorData b) {
    StringBuilder text = new StringBuilder();
    if (b.getRecentChoicesCount() > 0) {
      text.append("choice ").append(b.getRecentChoices(b.getRecentChoicesCount() - 1));
    } else {
      text.append("no choice");
    }
    text.append(String.format(Locale.ROOT, " after %.0f ms", b.getDecisionLatencyMs()));
    text.append(", ").append(b.getActionFrequency()).append(" actions/min");
    if (!b.getSceneId().isEmpty()) {
      text.append(", scene ").append(b.getSceneId());
    }
    if (!b.getCharacterId().isEmpty()) {
      text.append(", with ").append(b.getCharacterId());
    }
    if (b.getContextDataCount() > 0) {
      text.append("; ").append(decimals(b.getContextDataMap()));
    }
    Map<String, Object> fields =
        new Fields()
            .text("eventId", b.getEventId())
            .text("playerId", b.getPlayerId())
            .text("sceneId", b.getSceneId())
            .text("characterId", b.getCharacterId())
            .decimal("decisionLatencyMs", b.getDecisionLatencyMs())
            .number("actionFrequency", b.getActionFrequency())
            .list("recentChoices", b.getRecentChoicesList())
            .decimals("context", b.getContextDataMap())
            .build();
    return new Said(text.toString(), fields);
  }

  static Said emotion(EmotionPrediction e) {
    String text =
        String.format(
            Locale.ROOT,
            "%s %.2f (valence %+.2f, arousal %.2f), %d events seen, model %s",
            e.getDominantEmotion(),
            e.getConfidence(),
            e.getValence(),
            e.getArousal(),
            e.getEventsSeen(),
            e.getModelVersion().isEmpty() ? "?" : e.getModelVersion());
    Map<String, Object> fields =
        new Fields()
            .text("predictionId", e.getPredictionId())
            .text("playerId", e.getPlayerId())
            .text("dominantEmotion", e.getDominantEmotion())
            .decimal("confidence", e.getConfidence())
            .decimal("valence", e.getValence())
            .decimal("arousal", e.getArousal())
            .decimals("scores", e.getAllScoresMap())
            .number("eventsSeen", e.getEventsSeen())
            .text("modelVersion", e.getModelVersion())
            .text("sourceEventId", e.getSourceEventId())
            .build();
    return new Said(text, fields);
  }

  /** {@code a=1 b=0.25}, keys sorted, as few digits as the value needs. */
  static String decimals(Map<String, Float> values) {
    return values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + number(e.getValue()))
        .collect(Collectors.joining(" "));
  }

  static String number(double value) {
    double rounded = Fields.round(value);
    return rounded == Math.rint(rounded)
        ? Long.toString((long) rounded)
        : String.format(Locale.ROOT, "%s", rounded);
  }
}

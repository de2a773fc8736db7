package dev.empath.emotion.labels;

import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.EmotionPrediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labels joined with the features on the predictions at that moment: per label, the session's
 * latest prediction at or before the label's time, if no older than {@code maxAgeMs}. Every
 * prediction record carries the features the model saw, so no feature is recomputed. The one place
 * a label meets a prediction: {@code ./empath train} fits on it, a what-if judges both sides by it.
 */
public final class LabelJoin {

  /**
   * The features a trained model reads: those on every prediction except the absolute pace ones
   * (milliseconds and actions per minute), whose scale differs by player and by game; their
   * baseline-relative forms are in.
   */
  public static final List<String> INPUTS =
      List.of(
          "latency_rel",
          "action_rate_rel",
          "jitter_rel",
          "repetition",
          "choice_entropy",
          "damage",
          "death_rate",
          "success",
          "progress_rate",
          "combat");

  /** A label joins its session's latest prediction at most this old. */
  public static final long MAX_AGE_MS = 60_000;

  private LabelJoin() {}

  public static List<LabelledMoment> join(
      List<EmotionLabel> labels, List<EmotionPrediction> predictions, long maxAgeMs) {
    Map<String, TreeMap<Long, EmotionPrediction>> bySession = new HashMap<>();
    predictions.stream()
        .sorted(Comparator.comparingLong(EmotionPrediction::getTimestampMs))
        .forEach(
            p ->
                bySession
                    .computeIfAbsent(p.getSessionId(), s -> new TreeMap<>())
                    .put(p.getTimestampMs(), p));
    List<LabelledMoment> out = new ArrayList<>();
    for (EmotionLabel label : labels) {
      TreeMap<Long, EmotionPrediction> session = bySession.get(label.getSessionId());
      var at = session == null ? null : session.floorEntry(label.getTimestampMs());
      if (at == null || label.getTimestampMs() - at.getKey() > maxAgeMs) {
        continue;
      }
      EmotionPrediction p = at.getValue();
      float[] x = new float[INPUTS.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = p.getFeaturesOrDefault(INPUTS.get(i), 0f);
      }
      out.add(
          new LabelledMoment(
              label.getLabelId(),
              label.getGameId() + "/" + label.getPlayerId(),
              x,
              label.getEmotion(),
              p.getDominantEmotion()));
    }
    return out;
  }
}

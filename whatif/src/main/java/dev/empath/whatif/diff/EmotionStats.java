package dev.empath.whatif.diff;

import dev.empath.schemas.v1.EmotionPrediction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One side's emotion predictions in figures.
 *
 * @param predictions how many
 * @param shares share of predictions naming each dominant emotion
 */
public record EmotionStats(
    long predictions, Map<String, Double> shares, double meanValence, double meanArousal) {

  public static EmotionStats of(List<EmotionPrediction> all) {
    Map<String, Double> shares = new TreeMap<>();
    double valence = 0;
    double arousal = 0;
    // In session and time order, so equal predictions give equal sums whatever order they came in.
    List<EmotionPrediction> ordered =
        all.stream()
            .sorted(
                java.util.Comparator.comparing(EmotionPrediction::getSessionId)
                    .thenComparing(SessionTimes.PREDICTION_ORDER))
            .toList();
    for (EmotionPrediction p : ordered) {
      shares.merge(p.getDominantEmotion(), 1.0, Double::sum);
      valence += p.getValence();
      arousal += p.getArousal();
    }
    int n = all.size();
    shares.replaceAll((e, count) -> count / n);
    return new EmotionStats(n, shares, n == 0 ? 0 : valence / n, n == 0 ? 0 : arousal / n);
  }

  public double share(String emotion) {
    return shares.getOrDefault(emotion, 0.0);
  }
}

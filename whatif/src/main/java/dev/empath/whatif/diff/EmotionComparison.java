package dev.empath.whatif.diff;

import dev.empath.schemas.v1.EmotionPrediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Production's emotion predictions against the candidate's for the same events.
 *
 * <p>Each production prediction is paired with the candidate's prediction for the same source event
 * or, when the candidate emitted none for that event (emission is rate-limited and follows changes
 * of the dominant emotion), with the candidate's latest earlier prediction of the session: what the
 * candidate held at that moment. {@code none} marks a production prediction the candidate had no
 * opinion on yet.
 *
 * @param compared production predictions paired
 * @param agreement share of them whose dominant emotion the candidate shares
 * @param confusion production emotion → candidate emotion → count
 * @param differences source events whose prediction differs in content (dominant emotion,
 *     confidence, scores, valence, arousal) or exists on one side only
 */
public record EmotionComparison(
    EmotionStats production,
    EmotionStats candidate,
    long compared,
    double agreement,
    List<String> emotions,
    Map<String, Map<String, Long>> confusion,
    long differences) {

  public static final String NONE = "none";

  public static EmotionComparison of(List<EmotionPrediction> prod, List<EmotionPrediction> cand) {
    Map<String, EmotionPrediction> byEvent = new HashMap<>();
    Map<String, List<EmotionPrediction>> bySession = new HashMap<>();
    for (EmotionPrediction c : cand) {
      byEvent.put(key(c), c);
      bySession.computeIfAbsent(c.getSessionId(), s -> new ArrayList<>()).add(c);
    }
    bySession.values().forEach(l -> l.sort(SessionTimes.PREDICTION_ORDER));
    Map<String, Map<String, Long>> confusion = new TreeMap<>();
    TreeSet<String> emotions = new TreeSet<>();
    long agree = 0;
    for (EmotionPrediction p : prod) {
      EmotionPrediction c = byEvent.get(key(p));
      if (c == null) {
        c = SessionTimes.latestAtOrBefore(bySession.get(p.getSessionId()), p.getTimestampMs());
      }
      String theirs = c == null ? NONE : c.getDominantEmotion();
      emotions.add(p.getDominantEmotion());
      emotions.add(theirs);
      confusion
          .computeIfAbsent(p.getDominantEmotion(), e -> new TreeMap<>())
          .merge(theirs, 1L, Long::sum);
      if (theirs.equals(p.getDominantEmotion())) {
        agree++;
      }
    }
    return new EmotionComparison(
        EmotionStats.of(prod),
        EmotionStats.of(cand),
        prod.size(),
        prod.isEmpty() ? 1.0 : agree / (double) prod.size(),
        List.copyOf(emotions),
        confusion,
        differences(prod, byEvent));
  }

  /** The candidate's dominant emotion where production predicted {@code emotion}, as a share. */
  public double agreementOn(String emotion) {
    Map<String, Long> row = confusion.getOrDefault(emotion, Map.of());
    long total = row.values().stream().mapToLong(Long::longValue).sum();
    return total == 0 ? 1.0 : row.getOrDefault(emotion, 0L) / (double) total;
  }

  private static long differences(
      List<EmotionPrediction> prod, Map<String, EmotionPrediction> candByEvent) {
    Map<String, EmotionPrediction> prodByEvent = new HashMap<>();
    prod.forEach(p -> prodByEvent.put(key(p), p));
    long differing = 0;
    for (Map.Entry<String, EmotionPrediction> e : prodByEvent.entrySet()) {
      EmotionPrediction c = candByEvent.get(e.getKey());
      if (c == null || !sameContent(e.getValue(), c)) {
        differing++;
      }
    }
    for (String event : candByEvent.keySet()) {
      if (!prodByEvent.containsKey(event)) {
        differing++;
      }
    }
    return differing;
  }

  static boolean sameContent(EmotionPrediction a, EmotionPrediction b) {
    return a.getDominantEmotion().equals(b.getDominantEmotion())
        && a.getConfidence() == b.getConfidence()
        && a.getValence() == b.getValence()
        && a.getArousal() == b.getArousal()
        && Objects.equals(a.getAllScoresMap(), b.getAllScoresMap());
  }

  static String key(EmotionPrediction p) {
    return p.getSessionId() + "/" + p.getSourceEventId();
  }
}

package dev.empath.whatif.diff;

import dev.empath.schemas.v1.EmotionPrediction;
import java.util.Comparator;
import java.util.List;

/** Lookups in one session's predictions ordered by time. */
final class SessionTimes {

  static final Comparator<EmotionPrediction> PREDICTION_ORDER =
      Comparator.comparingLong(EmotionPrediction::getTimestampMs)
          .thenComparingLong(EmotionPrediction::getEventsSeen);

  private SessionTimes() {}

  /** The latest prediction at or before {@code atMs}, or null. */
  static EmotionPrediction latestAtOrBefore(List<EmotionPrediction> sorted, long atMs) {
    if (sorted == null) {
      return null;
    }
    int lo = 0;
    int hi = sorted.size() - 1;
    EmotionPrediction found = null;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).getTimestampMs() <= atMs) {
        found = sorted.get(mid);
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}

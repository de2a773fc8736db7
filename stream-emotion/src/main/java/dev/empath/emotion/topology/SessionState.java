package dev.empath.emotion.topology;

import dev.empath.emotion.features.SessionFeatures;
import java.nio.charset.StandardCharsets;

/**
 * Everything kept per session: the features, the session's event-time clock, what was last emitted
 * (for the rate limit) and the ids of the last few events (to drop re-sent duplicates).
 *
 * @param maxTimestampMs newest event time seen; the session clock never goes backwards
 * @param lastEmittedMs event time of the last prediction emitted, or -1
 * @param lastDominant dominant emotion of the last prediction emitted, or ""
 * @param lateDropped events dropped for arriving later than the allowed lateness
 */
public record SessionState(
    SessionFeatures features,
    long maxTimestampMs,
    long lastEmittedMs,
    String lastDominant,
    RecentEventIds recentEventIds,
    long lateDropped) {

  /** How many event ids are remembered for duplicate detection. */
  static final int REMEMBERED_IDS = 16;

  public static SessionState initial() {
    return new SessionState(SessionFeatures.empty(), -1, -1, "", RecentEventIds.none(), 0);
  }

  public boolean hasSeen(String eventId) {
    return hasSeen(idHash(eventId));
  }

  /** {@link #hasSeen(String)} for an id already hashed with {@link #idHash}. */
  public boolean hasSeen(long eventIdHash) {
    return recentEventIds.contains(eventIdHash);
  }

  /** 64-bit FNV-1a of the id's UTF-8 bytes: stable across JVMs and versions. */
  static long idHash(String eventId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  public SessionState afterLateEvent() {
    return new SessionState(
        features, maxTimestampMs, lastEmittedMs, lastDominant, recentEventIds, lateDropped + 1);
  }

  public SessionState after(
      SessionFeatures newFeatures,
      long eventTimeMs,
      String eventId,
      boolean emitted,
      String dominant) {
    return after(newFeatures, eventTimeMs, idHash(eventId), emitted, dominant);
  }

  /** {@link #after(SessionFeatures, long, String, boolean, String)} with the id already hashed. */
  public SessionState after(
      SessionFeatures newFeatures,
      long eventTimeMs,
      long eventIdHash,
      boolean emitted,
      String dominant) {
    long clock = Math.max(maxTimestampMs, eventTimeMs);
    return new SessionState(
        newFeatures,
        clock,
        emitted ? clock : lastEmittedMs,
        emitted ? dominant : lastDominant,
        recentEventIds.with(eventIdHash, REMEMBERED_IDS),
        lateDropped);
  }
}

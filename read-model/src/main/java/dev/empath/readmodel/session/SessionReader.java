package dev.empath.readmodel.session;

import dev.empath.readmodel.Page;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;

/** Reads a session's projected state: latest emotion, emotion timeline, latest decision. */
public final class SessionReader {

  private final UnifiedJedis redis;
  private final ActiveVersion versions;

  public SessionReader(UnifiedJedis redis, ActiveVersion versions) {
    this.redis = redis;
    this.versions = versions;
  }

  public Optional<EmotionSnapshot> latestEmotion(String game, String session) {
    return Optional.ofNullable(redis.get(keys().sessionEmotion(game, session)))
        .map(json -> Json.read(json, EmotionSnapshot.class));
  }

  public Optional<NarrativeSnapshot> latestNarrative(String game, String session) {
    return Optional.ofNullable(redis.get(keys().sessionNarrative(game, session)))
        .map(json -> Json.read(json, NarrativeSnapshot.class));
  }

  /** A time range of the timeline, paged; the timeline keeps only the newest entries (capped). */
  public Page<EmotionSnapshot> emotionTimeline(String game, String session, TimelineQuery query) {
    String key = keys().sessionTimeline(game, session);
    double min = bound(query.fromMs());
    double max = bound(query.toMs());
    ZRangeParams range =
        query.descending()
            ? ZRangeParams.zrangeByScoreParams(max, min).rev()
            : ZRangeParams.zrangeByScoreParams(min, max);
    List<String> raw = redis.zrange(key, range.limit(query.offset(), query.limit()));
    List<EmotionSnapshot> items =
        raw.stream().map(json -> Json.read(json, EmotionSnapshot.class)).toList();
    return new Page<>(items, query.nextCursor(items.size()));
  }

  /** Entries in the timeline (after capping). */
  public long timelineSize(String game, String session) {
    return redis.zcard(keys().sessionTimeline(game, session));
  }

  private Keyspace keys() {
    return versions.current();
  }

  private static double bound(long ms) {
    if (ms == Long.MIN_VALUE) {
      return Double.NEGATIVE_INFINITY;
    }
    return ms == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : ms;
  }
}

package dev.empath.readmodel.session;

import dev.empath.readmodel.Page;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads a session's projected state: latest emotion, emotion timeline, latest decision, decision
 * history; and a game's sessions by last activity.
 */
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
    return range(keys().sessionTimeline(game, session), query, EmotionSnapshot.class);
  }

  /** Entries in the timeline (after capping). */
  public long timelineSize(String game, String session) {
    return redis.zcard(keys().sessionTimeline(game, session));
  }

  /** A time range of the narrative decisions, paged; only the newest are kept (capped). */
  public Page<NarrativeSnapshot> decisionHistory(String game, String session, TimelineQuery query) {
    return range(keys().sessionDecisions(game, session), query, NarrativeSnapshot.class);
  }

  /** Entries in the decision history (after capping). */
  public long decisionHistorySize(String game, String session) {
    return redis.zcard(keys().sessionDecisions(game, session));
  }

  /**
   * A game's sessions, most recently active first, paged; the index keeps the most recently active
   * (capped). A range bounds the time of each session's latest activity.
   */
  public Page<ActiveSession> recentSessions(String game, TimelineQuery query) {
    String key = keys().gameSessions(game);
    List<Tuple> raw = redis.zrangeWithScores(key, params(query));
    List<ActiveSession> items =
        raw.stream().map(t -> new ActiveSession(t.getElement(), (long) t.getScore())).toList();
    return new Page<>(items, query.nextCursor(items.size()));
  }

  private <T> Page<T> range(String key, TimelineQuery query, Class<T> type) {
    List<T> items =
        redis.zrange(key, params(query)).stream().map(json -> Json.read(json, type)).toList();
    return new Page<>(items, query.nextCursor(items.size()));
  }

  private static ZRangeParams params(TimelineQuery query) {
    double min = bound(query.fromMs());
    double max = bound(query.toMs());
    ZRangeParams range =
        query.descending()
            ? ZRangeParams.zrangeByScoreParams(max, min).rev()
            : ZRangeParams.zrangeByScoreParams(min, max);
    return range.limit(query.offset(), query.limit());
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

package dev.empath.readmodel.asof;

import dev.empath.readmodel.character.CharacterReader;
import dev.empath.readmodel.character.CharacterState;
import dev.empath.readmodel.character.Decay;
import dev.empath.readmodel.character.Memory;
import dev.empath.readmodel.character.Relationship;
import dev.empath.readmodel.character.SpokenLine;
import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.EmotionSnapshot;
import dev.empath.readmodel.session.NarrativeSnapshot;
import java.util.List;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * State as of a moment, from the capped histories the projector keeps beside each latest value.
 * Each answer is read in one transaction (the keys of one entity share a hash tag), decayed and
 * ranked as of the moment, as the latest-value readers do as of now.
 */
public final class AsOfReader {

  private static final long CAPS_CACHE_MS = 1_000;

  private final UnifiedJedis redis;
  private final ActiveVersion versions;
  private volatile CachedCaps caps;

  private record CachedCaps(Keyspace keys, HistoryCaps caps, long readAtMs) {}

  public AsOfReader(UnifiedJedis redis, ActiveVersion versions) {
    this.redis = redis;
    this.versions = versions;
  }

  /** The character's state then, decayed to {@code atMs}, with the newest lines said by then. */
  public AsOf<CharacterAt> character(String game, String character, long atMs, int lines) {
    Keyspace keys = versions.current();
    HistoryCaps c = caps(keys);
    HistoryRead state;
    HistoryRead said;
    try (AbstractTransaction tx = multi(keys.characterStateHistory(game, character))) {
      state =
          HistoryRead.newest(tx, keys.characterStateHistory(game, character), atMs, 1, c.history());
      said = HistoryRead.newest(tx, keys.characterLines(game, character), atMs, lines, c.lines());
      tx.exec();
    }
    AsOf<List<String>> s = state.result();
    AsOf<List<String>> l = said.result();
    if (s instanceof AsOf.Found<List<String>> f && !(l instanceof AsOf.BeyondKept)) {
      CharacterState then =
          Json.read(f.value().get(0), CharacterState.class).decayedTo(atMs, Decay.MOOD);
      return new AsOf.Found<>(new CharacterAt(then, decode(l, SpokenLine.class)));
    }
    return notFound(s, l);
  }

  /** The relationship then, decayed to {@code atMs}, with the top memories ranked as of then. */
  public AsOf<RelationshipAt> relationship(
      String game, String character, String player, long atMs, int memories) {
    Keyspace keys = versions.current();
    HistoryCaps c = caps(keys);
    HistoryRead rel;
    HistoryRead mem;
    try (AbstractTransaction tx = multi(keys.relationshipHistory(game, character, player))) {
      rel =
          HistoryRead.newest(
              tx, keys.relationshipHistory(game, character, player), atMs, 1, c.history());
      mem = HistoryRead.all(tx, keys.memories(game, character, player), atMs, c.memories());
      tx.exec();
    }
    AsOf<List<String>> r = rel.result();
    AsOf<List<String>> m = mem.result();
    if (r instanceof AsOf.Found<List<String>> f && !(m instanceof AsOf.BeyondKept)) {
      Relationship then =
          Json.read(f.value().get(0), Relationship.class).decayedTo(atMs, Decay.RELATIONSHIP);
      return new AsOf.Found<>(
          new RelationshipAt(
              then, CharacterReader.rank(oldestFirst(decode(m, Memory.class)), atMs, memories)));
    }
    return notFound(r, m);
  }

  /** The session's latest emotion prediction at {@code atMs}. */
  public AsOf<EmotionSnapshot> emotion(String game, String session, long atMs) {
    Keyspace keys = versions.current();
    return latest(keys.sessionTimeline(game, session), atMs, caps(keys).timeline())
        .map(json -> Json.read(json, EmotionSnapshot.class));
  }

  /** The session's latest narrative decision at {@code atMs}. */
  public AsOf<NarrativeSnapshot> narrative(String game, String session, long atMs) {
    Keyspace keys = versions.current();
    return latest(keys.sessionDecisions(game, session), atMs, caps(keys).history())
        .map(json -> Json.read(json, NarrativeSnapshot.class));
  }

  private AsOf<String> latest(String key, long atMs, int cap) {
    HistoryRead read;
    try (AbstractTransaction tx = multi(key)) {
      read = HistoryRead.newest(tx, key, atMs, 1, cap);
      tx.exec();
    }
    return read.result().map(found -> found.get(0));
  }

  /**
   * A MULTI for keys of {@code sampleKey}'s hash tag. Jedis's cluster client offers no
   * transactions, so on a Redis Cluster it runs on a connection to the node that serves the slot.
   */
  private AbstractTransaction multi(String sampleKey) {
    if (redis instanceof RedisClusterClient cluster) {
      Connection node = cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(sampleKey));
      return new Transaction(node, true, true);
    }
    return redis.multi();
  }

  /**
   * Not found: beyond what is kept if any part is (from the latest of their limits), else not yet.
   */
  private static <T> AsOf<T> notFound(AsOf<?> main, AsOf<?> part) {
    long from = Long.MIN_VALUE;
    for (AsOf<?> a : List.of(main, part)) {
      if (a instanceof AsOf.BeyondKept<?> b) {
        from = Math.max(from, b.visibleFromMs());
      }
    }
    return from == Long.MIN_VALUE ? new AsOf.NotYet<>() : new AsOf.BeyondKept<>(from);
  }

  private static <T> List<T> decode(AsOf<List<String>> entries, Class<T> type) {
    return entries instanceof AsOf.Found<List<String>> f
        ? f.value().stream().map(json -> Json.read(json, type)).toList()
        : List.of();
  }

  /** Ranking breaks exact ties by input order: give it the order the live ranking sees. */
  private static <T> List<T> oldestFirst(List<T> newestFirst) {
    List<T> out = new java.util.ArrayList<>(newestFirst);
    java.util.Collections.reverse(out);
    return out;
  }

  private HistoryCaps caps(Keyspace keys) {
    long now = System.currentTimeMillis();
    CachedCaps cached = caps;
    if (cached != null && cached.keys().equals(keys) && now - cached.readAtMs() < CAPS_CACHE_MS) {
      return cached.caps();
    }
    HistoryCaps fresh = HistoryCaps.read(redis, keys);
    caps = new CachedCaps(keys, fresh, now);
    return fresh;
  }
}

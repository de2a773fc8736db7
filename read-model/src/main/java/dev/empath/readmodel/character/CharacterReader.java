package dev.empath.readmodel.character;

import dev.empath.readmodel.json.Json;
import dev.empath.readmodel.keys.ActiveVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;

/** Reads a character's projected state: mood, relationships, memories and lines it said. */
public final class CharacterReader {

  /** Recency half-life of the memory ranking: a day-old memory counts half. */
  public static final long MEMORY_RECENCY_HALF_LIFE_MS = 24L * 3600 * 1000;

  private final UnifiedJedis redis;
  private final ActiveVersion versions;
  private final LongSupplier clock;

  public CharacterReader(UnifiedJedis redis, ActiveVersion versions) {
    this(redis, versions, System::currentTimeMillis);
  }

  /**
   * @param clock the "now" that decay is applied up to (tests pass a fixed clock)
   */
  public CharacterReader(UnifiedJedis redis, ActiveVersion versions, LongSupplier clock) {
    this.redis = redis;
    this.versions = versions;
    this.clock = clock;
  }

  /** The character's mood and tension, decayed to now. */
  public Optional<CharacterState> state(String game, String character) {
    return Optional.ofNullable(redis.get(versions.current().characterState(game, character)))
        .map(
            json -> Json.read(json, CharacterState.class).decayedTo(clock.getAsLong(), Decay.MOOD));
  }

  /** The relationship with a player, decayed to now; empty when they never interacted. */
  public Optional<Relationship> relationship(String game, String character, String player) {
    return Optional.ofNullable(redis.get(versions.current().relationship(game, character, player)))
        .map(
            json ->
                Json.read(json, Relationship.class)
                    .decayedTo(clock.getAsLong(), Decay.RELATIONSHIP));
  }

  /** The newest memories about a player, newest first. */
  public List<Memory> recentMemories(String game, String character, String player, int limit) {
    return decodeMemories(
        redis.zrange(versions.current().memories(game, character, player), newest(limit)));
  }

  /** The range of a memories key that holds its newest {@code limit} memories, newest first. */
  public static ZRangeParams newest(int limit) {
    requirePositive(limit);
    return ZRangeParams.zrangeParams(0, limit - 1).rev();
  }

  /** Memories as stored in a memories key (JSON members), decoded in the order given. */
  public static List<Memory> decodeMemories(List<String> stored) {
    return stored.stream().map(json -> Json.read(json, Memory.class)).toList();
  }

  /**
   * The {@code n} memories that matter most now: importance x recency. The history is capped, so
   * ranking all of it is cheap.
   */
  public List<ScoredMemory> topMemories(String game, String character, String player, int n) {
    requirePositive(n);
    return rank(
        decodeMemories(redis.zrange(versions.current().memories(game, character, player), 0, -1)),
        clock.getAsLong(),
        n);
  }

  /** The {@code n} memories that matter most at {@code nowMs}; ties go to the newer memory. */
  public static List<ScoredMemory> rank(List<Memory> memories, long nowMs, int n) {
    requirePositive(n);
    return memories.stream()
        .map(m -> new ScoredMemory(m, score(m, nowMs)))
        .sorted(
            Comparator.comparingDouble(ScoredMemory::score)
                .reversed()
                .thenComparing(s -> -s.memory().timestampMs()))
        .limit(n)
        .toList();
  }

  /** Lines the character said, newest first. */
  public List<SpokenLine> spokenLines(String game, String character, int limit) {
    requirePositive(limit);
    return redis
        .zrange(
            versions.current().characterLines(game, character),
            ZRangeParams.zrangeParams(0, limit - 1).rev())
        .stream()
        .map(json -> Json.read(json, SpokenLine.class))
        .toList();
  }

  static double score(Memory m, long nowMs) {
    long age = Math.max(0, nowMs - m.timestampMs());
    return m.importance() * Math.pow(0.5, (double) age / MEMORY_RECENCY_HALF_LIFE_MS);
  }

  private static void requirePositive(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + n);
    }
  }
}

package dev.empath.readmodel.keys;

import java.util.function.LongSupplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * Resolves the keyspace version readers use, from the {@link Keyspace#ACTIVE_VERSION_KEY} pointer.
 *
 * <p>The value is cached for a short time so a reader does not pay a round trip per request; a
 * rebuild deletes the old version only after a grace period longer than this cache. A missing
 * pointer (fresh or flushed Redis) means version 1, the version a first projector writes.
 */
public final class ActiveVersion {

  public static final int DEFAULT_VERSION = 1;

  private final UnifiedJedis redis;
  private final long cacheMillis;
  private final LongSupplier clock;
  private final Keyspace pinned;
  private volatile Keyspace cached;
  private volatile long cachedAtMs;

  /**
   * @param cacheMillis how long a looked-up version is reused; 0 = look it up on every call
   */
  public ActiveVersion(UnifiedJedis redis, long cacheMillis) {
    this(redis, cacheMillis, System::currentTimeMillis);
  }

  ActiveVersion(UnifiedJedis redis, long cacheMillis, LongSupplier clock) {
    this(redis, cacheMillis, clock, null);
  }

  private ActiveVersion(UnifiedJedis redis, long cacheMillis, LongSupplier clock, Keyspace pinned) {
    this.redis = redis;
    this.cacheMillis = cacheMillis;
    this.clock = clock;
    this.pinned = pinned;
  }

  /** Always {@code keyspace}, whatever the pointer says: readers of a version named explicitly. */
  public static ActiveVersion pinned(Keyspace keyspace) {
    return new ActiveVersion(null, 0, System::currentTimeMillis, keyspace);
  }

  /** The keyspace readers should use now. */
  public Keyspace current() {
    if (pinned != null) {
      return pinned;
    }
    long now = clock.getAsLong();
    Keyspace k = cached;
    if (k != null && now - cachedAtMs < cacheMillis) {
      return k;
    }
    Keyspace fresh = new Keyspace(read(redis));
    cached = fresh;
    cachedAtMs = now;
    return fresh;
  }

  /** The version the pointer names, or {@link #DEFAULT_VERSION} when there is none. */
  public static int read(UnifiedJedis redis) {
    return parse(redis.get(Keyspace.ACTIVE_VERSION_KEY));
  }

  /** The version a pointer value names; null (no pointer) is {@link #DEFAULT_VERSION}. */
  public static int parse(String pointer) {
    return pointer == null ? DEFAULT_VERSION : Integer.parseInt(pointer);
  }
}

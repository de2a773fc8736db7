package dev.empath.readmodel;

import dev.empath.readmodel.asof.AsOfReader;
import dev.empath.readmodel.character.CharacterReader;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.session.SessionReader;
import dev.empath.readmodel.usage.UsageReader;
import redis.clients.jedis.UnifiedJedis;

/**
 * Entry point of the readers: one per concept, all following the active keyspace version.
 *
 * <pre>{@code
 * ReadModel model = ReadModel.create(RedisConnections.open(url));
 * model.sessions().latestEmotion("game-1", "session-9");
 * }</pre>
 */
public final class ReadModel {

  /** Readers see a switch of the active version within this time. */
  public static final long DEFAULT_VERSION_CACHE_MS = 500;

  private final UnifiedJedis redis;
  private final ActiveVersion versions;
  private final SessionReader sessions;
  private final CharacterReader characters;
  private final UsageReader usage;
  private final AsOfReader asOf;

  public ReadModel(UnifiedJedis redis, ActiveVersion versions) {
    this.redis = redis;
    this.versions = versions;
    this.sessions = new SessionReader(redis, versions);
    this.characters = new CharacterReader(redis, versions);
    this.usage = new UsageReader(redis, versions);
    this.asOf = new AsOfReader(redis, versions);
  }

  public static ReadModel create(UnifiedJedis redis) {
    return new ReadModel(redis, new ActiveVersion(redis, DEFAULT_VERSION_CACHE_MS));
  }

  public SessionReader sessions() {
    return sessions;
  }

  public CharacterReader characters() {
    return characters;
  }

  public UsageReader usage() {
    return usage;
  }

  /** Readers of {@code keyspace} only, whichever version is active (an explicit version). */
  public ReadModel pinned(Keyspace keyspace) {
    return new ReadModel(redis, ActiveVersion.pinned(keyspace));
  }

  /** State as of a moment, from the capped histories. */
  public AsOfReader asOf() {
    return asOf;
  }

  /** The keyspace currently served. */
  public Keyspace activeKeyspace() {
    return versions.current();
  }
}

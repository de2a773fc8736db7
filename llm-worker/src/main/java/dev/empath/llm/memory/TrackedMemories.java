package dev.empath.llm.memory;

import dev.empath.platform.redis.tracking.TrackedCache;
import dev.empath.readmodel.character.CharacterReader;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.RedisProtocol;

/**
 * A character's newest memories of a player, kept in the worker and dropped the moment Redis
 * reports that the memories key (or the active-version pointer) changed ({@link TrackedCache}). The
 * next line of a conversation then needs no round trip for its memories, and a memory the projector
 * has just written is used as soon as Redis has reported it.
 *
 * <p>Each entry holds the newest {@code window} memories, the window this worker was built with, as
 * prompts use them (their words already split for ranking).
 */
public final class TrackedMemories implements ReadModelMemorySource.Recent, AutoCloseable {

  private static final CommandObjects COMMANDS = new CommandObjects(RedisProtocol.RESP2);

  private final TrackedCache cache;

  public TrackedMemories(TrackedCache cache) {
    this.cache = cache;
  }

  @Override
  public List<Memory> newest(String game, String character, String player, int window) {
    String key = new Keyspace(activeVersion()).memories(game, character, player);
    List<Memory> cached = cache.peek(key);
    return cached != null
        ? cached
        : cache.load(
            key,
            COMMANDS.zrange(key, CharacterReader.newest(window)),
            stored -> ReadModelMemorySource.prompted(CharacterReader.decodeMemories(stored)));
  }

  private int activeVersion() {
    Integer cached = cache.peek(Keyspace.ACTIVE_VERSION_KEY);
    return cached != null ? cached : cache.load(Keyspace.ACTIVE_VERSION_KEY, ActiveVersion::parse);
  }

  /** How many reads were answered without Redis, and how many went to it. */
  public long hits() {
    return cache.hits();
  }

  public long misses() {
    return cache.misses();
  }

  @Override
  public void close() {
    cache.close();
  }
}

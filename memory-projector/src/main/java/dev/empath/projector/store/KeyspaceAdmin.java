package dev.empath.projector.store;

import dev.empath.platform.redis.RedisNodes;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Keyspace versions: which one is active, switching to another, deleting one. */
public final class KeyspaceAdmin {

  private static final Logger log = LoggerFactory.getLogger(KeyspaceAdmin.class);

  // Compare-and-set, so two rebuilds racing cannot both win.
  static final String SWITCH =
      "local cur = redis.call('GET', KEYS[1]) or ARGV[3] "
          + "if cur ~= ARGV[1] then return 0 end "
          + "redis.call('SET', KEYS[1], ARGV[2]) return 1";

  private final UnifiedJedis redis;

  public KeyspaceAdmin(UnifiedJedis redis) {
    this.redis = redis;
  }

  public Keyspace active() {
    return new Keyspace(ActiveVersion.read(redis));
  }

  /** Makes the implicit default version explicit when no pointer exists yet. */
  public void ensurePointer() {
    redis.set(
        Keyspace.ACTIVE_VERSION_KEY,
        Integer.toString(ActiveVersion.DEFAULT_VERSION),
        SetParams.setParams().nx());
  }

  /** Points readers at {@code to} if {@code from} is still active; false when it was not. */
  public boolean switchActive(Keyspace from, Keyspace to) {
    Object result =
        redis.eval(
            SWITCH,
            List.of(Keyspace.ACTIVE_VERSION_KEY),
            List.of(
                Integer.toString(from.version()),
                Integer.toString(to.version()),
                Integer.toString(ActiveVersion.DEFAULT_VERSION)));
    return Long.valueOf(1).equals(result);
  }

  /**
   * Deletes every key of {@code keys} (SCAN + UNLINK: never blocks Redis; every primary of a
   * cluster); returns the count.
   */
  public long delete(Keyspace keys) {
    long[] deleted = {0};
    RedisNodes.scan(
        redis,
        keys.scanPattern(),
        1_000,
        page -> deleted[0] += redis.unlink(page.toArray(String[]::new)));
    log.info("deleted {} keys of keyspace version {}", deleted[0], keys.version());
    return deleted[0];
  }

  /** Whether any key of {@code keys} exists. */
  public boolean exists(Keyspace keys) {
    boolean[] found = {false};
    RedisNodes.scan(redis, keys.scanPattern(), 1_000, page -> found[0] = true);
    return found[0];
  }
}

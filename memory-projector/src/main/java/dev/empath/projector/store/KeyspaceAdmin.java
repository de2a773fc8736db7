package dev.empath.projector.store;

import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/** Keyspace versions: which one is active, switching to another, deleting one. */
public final class KeyspaceAdmin {

  private static final Logger log = LoggerFactory.getLogger(KeyspaceAdmin.class);

  // Compare-and-set, so two rebuilds racing cannot both win.
  private static final String SWITCH =
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

  /** Deletes every key of {@code keys} (SCAN + UNLINK: never blocks Redis); returns the count. */
  public long delete(Keyspace keys) {
    long deleted = 0;
    ScanParams params = new ScanParams().match(keys.scanPattern()).count(1_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      List<String> found = page.getResult();
      if (!found.isEmpty()) {
        deleted += redis.unlink(found.toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    log.info("deleted {} keys of keyspace version {}", deleted, keys.version());
    return deleted;
  }

  /** Whether any key of {@code keys} exists. */
  public boolean exists(Keyspace keys) {
    ScanParams params = new ScanParams().match(keys.scanPattern()).count(1_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      if (!page.getResult().isEmpty()) {
        return true;
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return false;
  }
}

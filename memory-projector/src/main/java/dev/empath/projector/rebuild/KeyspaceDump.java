package dev.empath.projector.rebuild;

import dev.empath.platform.redis.RedisNodes;
import dev.empath.readmodel.keys.Keyspace;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * A canonical text dump of one keyspace version's read models (bookkeeping keys excluded: the meta
 * keys and a cluster's group watermarks), with keys made version-independent: two versions built
 * from the same events dump identically.
 */
public final class KeyspaceDump {

  private KeyspaceDump() {}

  /** Key (without the version prefix) → canonical content. */
  public static SortedMap<String, String> of(UnifiedJedis redis, Keyspace keys) {
    SortedMap<String, String> out = new TreeMap<>();
    RedisNodes.scan(
        redis,
        keys.scanPattern(),
        1_000,
        page -> {
          for (String key : page) {
            String local = key.substring(keys.prefix().length());
            if (!local.startsWith("meta:") && !Keyspace.isApplied(local)) {
              out.put(local, content(redis, key));
            }
          }
        });
    return out;
  }

  private static String content(UnifiedJedis redis, String key) {
    String type = redis.type(key);
    StringBuilder sb = new StringBuilder(type).append('\n');
    switch (type) {
      case "string" -> sb.append(redis.get(key));
      case "zset" -> {
        for (Tuple t : redis.zrangeWithScores(key, 0, -1)) {
          sb.append(t.getScore()).append(' ').append(t.getElement()).append('\n');
        }
      }
      case "hash" -> {
        for (Map.Entry<String, String> e : new TreeMap<>(redis.hgetAll(key)).entrySet()) {
          sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
      }
      default -> sb.append("unsupported type");
    }
    return sb.toString();
  }
}

package dev.empath.readmodel.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a keyspace version's {@link Keyspace#meta()} hash says about it: its state ({@code building}
 * while a rebuild writes it, {@code active} once readers were switched to it, {@code side} for a
 * rebuild kept beside the active version, readable with an explicit version only) and, for a
 * rebuild up to a time, that time.
 *
 * @param version the keyspace version
 * @param state building, active or side; empty for a version a live projector started without a
 *     rebuild
 * @param untilMs the time a side version was rebuilt up to; empty when it holds everything
 * @param createdAtMs when its rebuild started; 0 when unknown
 * @param events events a rebuild projected into it; -1 when unknown
 */
public record VersionMeta(
    int version, String state, OptionalLong untilMs, long createdAtMs, long events) {

  public static final String STATE = "state";
  public static final String UNTIL_MS = "until_ms";
  public static final String CREATED_AT_MS = "created_at_ms";
  public static final String EVENTS = "events";

  public static final String BUILDING = "building";
  public static final String ACTIVE = "active";
  public static final String SIDE = "side";

  private static final Pattern META_KEY = Pattern.compile("empath:rm:v(\\d+):meta:info");

  /** The facts Redis holds about {@code version}; empty when it has none. */
  public static Optional<VersionMeta> read(UnifiedJedis redis, int version) {
    Map<String, String> hash = redis.hgetAll(new Keyspace(version).meta());
    return hash.isEmpty() ? Optional.empty() : Optional.of(of(version, hash));
  }

  /**
   * Every version with facts in Redis, by version (SCAN: never blocks Redis; on a Redis Cluster,
   * every node's, replicas included, which only repeats keys).
   */
  public static List<VersionMeta> all(UnifiedJedis redis) {
    List<Integer> versions = new ArrayList<>();
    ScanIteration scan = redis.scanIteration(1_000, "empath:rm:v*:meta:info");
    while (!scan.isIterationCompleted()) {
      for (String key : scan.nextBatchList()) {
        Matcher m = META_KEY.matcher(key);
        if (m.matches()) {
          versions.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    return versions.stream().sorted().distinct().flatMap(v -> read(redis, v).stream()).toList();
  }

  static VersionMeta of(int version, Map<String, String> hash) {
    String until = hash.get(UNTIL_MS);
    return new VersionMeta(
        version,
        hash.getOrDefault(STATE, ""),
        until == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(until)),
        Long.parseLong(hash.getOrDefault(CREATED_AT_MS, "0")),
        Long.parseLong(hash.getOrDefault(EVENTS, "-1")));
  }

  public boolean isBuilding() {
    return BUILDING.equals(state);
  }
}

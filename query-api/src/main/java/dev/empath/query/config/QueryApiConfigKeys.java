package dev.empath.query.config;

import dev.empath.platform.config.ConfigKey;
import dev.empath.platform.config.ConfigKeys;
import java.util.List;

/**
 * The keys query-api reads, for the configuration reference. Micronaut binds them ({@link
 * ApiProperties}, {@code @Value}); its environment names are the same as every other service's.
 */
public final class QueryApiConfigKeys {

  public static final ConfigKey<Integer> PORT =
      ConfigKey.ofInt("micronaut.server.port", 8080, "HTTP port (also QUERY_API_PORT)");

  public static final ConfigKey<List<String>> KEYS_BY_HASH =
      ConfigKey.ofList(
              "empath.api.keys.<sha256>",
              "games the API key with this SHA-256 (hex) may read, or * for every game; keys are"
                  + " configured hashed, so the key itself is never stored")
          .defaultText("none: every /v1 request gets 401");

  public static final ConfigKey<List<String>> SCOPES_BY_HASH =
      ConfigKey.ofList(
              "empath.api.scopes.<sha256>",
              "scopes of the API key with this SHA-256 (hex): `versions` lets it read a keyspace"
                  + " version named with version= (side versions left by ./empath rebuild"
                  + " --no-switch)")
          .defaultText("none");

  public static final ConfigKey<String> KEYS_FILE =
      ConfigKey.ofString(
          "empath.api.keys-file",
          null,
          "file of `<sha-256 hex> <game>,<game> [<scope>,<scope>]` lines, one per key");

  public static final ConfigKey<Double> RATE_LIMIT_PER_SECOND =
      ConfigKey.ofDouble(
              "empath.api.rate-limit-per-second", 200.0, "sustained requests per second per key")
          .require(v -> v > 0, "must be > 0");

  public static final ConfigKey<Integer> RATE_LIMIT_BURST =
      ConfigKey.ofInt(
              "empath.api.rate-limit-burst", 400, "requests a key may send at once before the rate")
          .atLeast(1);

  public static final ConfigKey<Integer> INSTANCES =
      ConfigKey.ofInt(
              "empath.api.instances",
              1,
              "query-api instances sharing the traffic: each allows rate-limit-per-second and"
                  + " rate-limit-burst divided by this, so a key gets the configured rate in all")
          .atLeast(1);

  public static final ConfigKey<Long> KEYS_FILE_RELOAD_MS =
      ConfigKey.ofLong(
              "empath.api.keys-file-reload-ms",
              2_000L,
              "how often the keys file is checked for changes, which apply without a restart"
                  + " (0: read once at start)")
          .atLeast(0L);

  public static final ConfigKey<String> STREAM_TOKEN_SECRET =
      ConfigKey.ofString(
              "empath.api.stream-token-secret",
              null,
              "secret that signs live-stream tokens; set the same on every instance behind one load"
                  + " balancer")
          .defaultText("a random secret per instance");

  public static final ConfigKey<Long> VERSION_CACHE_MS =
      ConfigKey.ofLong(
              "empath.read-model.version-cache-ms",
              500L,
              "how long the active keyspace version is cached before Redis is asked again")
          .atLeast(0);

  public static final ConfigKey<Long> CACHE_MAX_ENTRIES =
      ConfigKey.ofLong(
              "empath.read-model.cache.max-entries",
              100_000L,
              "read-model entries cached in memory, invalidated by Redis client tracking")
          .atLeast(0);

  public static final ConfigKeys KEYS =
      ConfigKeys.of(
          "query-api",
          "The HTTP API over the read models (`dev.empath.query.Application`). It also reads"
              + " `redis.url` and `kafka.bootstrap.servers`; unset, the latter means no Kafka"
              + " health check.",
          List.of("empath.api.", "empath.read-model."),
          PORT,
          KEYS_BY_HASH,
          SCOPES_BY_HASH,
          KEYS_FILE,
          KEYS_FILE_RELOAD_MS,
          RATE_LIMIT_PER_SECOND,
          RATE_LIMIT_BURST,
          INSTANCES,
          STREAM_TOKEN_SECRET,
          VERSION_CACHE_MS,
          CACHE_MAX_ENTRIES);

  private QueryApiConfigKeys() {}
}

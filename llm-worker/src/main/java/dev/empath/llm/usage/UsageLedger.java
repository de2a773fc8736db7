package dev.empath.llm.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * Usage per game, provider and model in Redis, for the query API: one hash per triple with counters
 * (requests, cached, errors, tokens in/out, latency sum, cost in micro-USD) and a latency histogram
 * ({@code latency_le_<ms>} buckets, not cumulative), plus a set per game indexing the hashes. One
 * Lua call per result, so a result's figures land together or not at all.
 *
 * <p>Keys: {@code empath:llm:usage:<game>:<provider>:<model>} and {@code
 * empath:llm:usage:<game>:index}.
 */
public final class UsageLedger {

  public static final String PREFIX = "empath:llm:usage:";
  static final long[] BUCKETS_MS = {50, 100, 250, 500, 1000, 2500, 5000, 10000};

  private static final String SCRIPT =
      """
      redis.call('SADD', KEYS[2], KEYS[1])
      redis.call('HINCRBY', KEYS[1], 'requests', 1)
      redis.call('HINCRBY', KEYS[1], 'cached', tonumber(ARGV[1]))
      redis.call('HINCRBY', KEYS[1], 'tokens_in', tonumber(ARGV[2]))
      redis.call('HINCRBY', KEYS[1], 'tokens_out', tonumber(ARGV[3]))
      redis.call('HINCRBY', KEYS[1], 'latency_ms_sum', tonumber(ARGV[4]))
      redis.call('HINCRBY', KEYS[1], 'cost_micro_usd', tonumber(ARGV[5]))
      redis.call('HINCRBY', KEYS[1], ARGV[6], 1)
      for i = 3, #KEYS do
        redis.call('SADD', KEYS[2], KEYS[i])
        redis.call('HINCRBY', KEYS[i], 'errors', 1)
      end
      return 1
      """;

  private final RedisClient redis;

  public UsageLedger(RedisClient redis) {
    this.redis = redis;
  }

  /** One answered request. */
  public record Entry(
      String gameId,
      String provider,
      String model,
      boolean cached,
      int tokensIn,
      int tokensOut,
      long latencyMs,
      double costUsd,
      List<ProviderError> errors) {}

  /** A failed attempt at a provider on the way to the answer. */
  public record ProviderError(String provider, String model) {}

  public static String key(String game, String provider, String model) {
    return PREFIX + game + ":" + provider + ":" + model;
  }

  public static String index(String game) {
    return PREFIX + game + ":index";
  }

  public void record(Entry e) {
    List<String> keys = new ArrayList<>();
    keys.add(key(e.gameId(), e.provider(), e.model()));
    keys.add(index(e.gameId()));
    e.errors().forEach(err -> keys.add(key(e.gameId(), err.provider(), err.model())));
    redis.eval(
        SCRIPT,
        keys,
        List.of(
            e.cached() ? "1" : "0",
            Integer.toString(e.tokensIn()),
            Integer.toString(e.tokensOut()),
            Long.toString(e.latencyMs()),
            Long.toString(Math.round(e.costUsd() * 1_000_000)),
            bucket(e.latencyMs())));
  }

  public Map<String, String> read(String game, String provider, String model) {
    return redis.hgetAll(key(game, provider, model));
  }

  static String bucket(long latencyMs) {
    for (long b : BUCKETS_MS) {
      if (latencyMs <= b) {
        return "latency_le_" + b;
      }
    }
    return "latency_le_inf";
  }
}

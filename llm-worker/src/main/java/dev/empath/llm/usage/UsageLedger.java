package dev.empath.llm.usage;

import dev.empath.llm.budget.WriteBehindSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Usage per game, provider and model in Redis, for the query API: one hash per triple with counters
 * (requests, cached, errors, tokens in/out, latency sum, cost in micro-USD) and a latency histogram
 * ({@code latency_le_<ms>} buckets, not cumulative), plus a set per game indexing the hashes.
 *
 * <p>Results are added up in memory and written by {@link dev.empath.llm.budget.WriteBehind}: one
 * Lua call per hash and flush, so the figures of a flush land in a hash together or not at all, and
 * the request path makes no round trip for them.
 *
 * <p>Keys: {@code empath:llm:usage:{<game>}:<provider>:<model>} and {@code
 * empath:llm:usage:{<game>}:index}: a game's keys share a Redis Cluster hash tag, so the script
 * that writes a hash and its index touches one slot.
 */
public final class UsageLedger implements WriteBehindSource, UsageRecorder {

  public static final String PREFIX = "empath:llm:usage:";
  static final long[] BUCKETS_MS = {50, 100, 250, 500, 1000, 2500, 5000, 10000};

  static final String SCRIPT =
      """
      redis.call('SADD', KEYS[2], KEYS[1])
      for i = 1, #ARGV, 2 do
        redis.call('HINCRBY', KEYS[1], ARGV[i], tonumber(ARGV[i + 1]))
      end
      return 1
      """;

  private final UnifiedJedis redis;
  // Deltas not yet written, per usage hash; replaced wholesale by drainTo.
  private Map<String, Delta> pending = new HashMap<>();

  public UsageLedger(UnifiedJedis redis) {
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
    return PREFIX + "{" + game + "}:" + provider + ":" + model;
  }

  public static String index(String game) {
    return PREFIX + "{" + game + "}:index";
  }

  /** Adds a result to the figures; written to Redis with the next flush. */
  @Override
  public synchronized void record(Entry e) {
    Delta d = delta(e.gameId(), key(e.gameId(), e.provider(), e.model()));
    d.add("requests", 1);
    d.add("cached", e.cached() ? 1 : 0);
    d.add("tokens_in", e.tokensIn());
    d.add("tokens_out", e.tokensOut());
    d.add("latency_ms_sum", e.latencyMs());
    d.add("cost_micro_usd", Math.round(e.costUsd() * 1_000_000));
    d.add(bucket(e.latencyMs()), 1);
    for (ProviderError err : e.errors()) {
      delta(e.gameId(), key(e.gameId(), err.provider(), err.model())).add("errors", 1);
    }
  }

  @Override
  public synchronized boolean holdsWrites() {
    return !pending.isEmpty();
  }

  @Override
  public int drainTo(AbstractPipeline pipeline) {
    Map<String, Delta> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return 0;
      }
      batch = pending;
      pending = new HashMap<>();
    }
    batch.forEach((key, d) -> pipeline.eval(SCRIPT, List.of(key, d.index), d.args()));
    return batch.size();
  }

  public Map<String, String> read(String game, String provider, String model) {
    return redis.hgetAll(key(game, provider, model));
  }

  private Delta delta(String game, String key) {
    return pending.computeIfAbsent(key, k -> new Delta(index(game)));
  }

  static String bucket(long latencyMs) {
    for (long b : BUCKETS_MS) {
      if (latencyMs <= b) {
        return "latency_le_" + b;
      }
    }
    return "latency_le_inf";
  }

  /** Increments of one usage hash, field by field. */
  private static final class Delta {
    final String index;
    final Map<String, Long> fields = new LinkedHashMap<>();

    Delta(String index) {
      this.index = index;
    }

    void add(String field, long by) {
      fields.merge(field, by, Long::sum);
    }

    List<String> args() {
      List<String> args = new ArrayList<>(fields.size() * 2);
      fields.forEach(
          (f, v) -> {
            args.add(f);
            args.add(Long.toString(v));
          });
      return args;
    }
  }
}

package dev.empath.llm.limits;

import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * Per-game rate limit and token budget, as two token buckets in one Redis hash updated by a Lua
 * script: check and take happen atomically on the server, with the server's clock, so any number of
 * worker replicas share one budget without coordination.
 *
 * <p>A request takes one request token and its estimated token cost (prompt estimate plus max
 * output tokens, an upper bound), or nothing if either bucket is short.
 */
public final class GameBudget {

  public static final String PREFIX = "empath:llm:budget:";

  // Buckets refill continuously from the last update; server TIME keeps replicas consistent.
  private static final String SCRIPT =
      """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local rrate = tonumber(ARGV[1])
      local rburst = tonumber(ARGV[2])
      local trate = tonumber(ARGV[3])
      local tburst = tonumber(ARGV[4])
      local cost = tonumber(ARGV[5])
      local h = redis.call('HMGET', KEYS[1], 'r', 't', 'ts')
      local r = tonumber(h[1]) or rburst
      local k = tonumber(h[2]) or tburst
      local ts = tonumber(h[3]) or now
      local dt = math.max(0, now - ts)
      r = math.min(rburst, r + dt * rrate)
      k = math.min(tburst, k + dt * trate)
      local verdict = 0
      if r < 1 then
        verdict = 1
      elseif k < cost then
        verdict = 2
      else
        r = r - 1
        k = k - cost
      end
      redis.call('HSET', KEYS[1], 'r', tostring(r), 't', tostring(k), 'ts', tostring(now))
      redis.call('PEXPIRE', KEYS[1], ARGV[6])
      return verdict
      """;

  private final RedisClient redis;
  private final BudgetSettings settings;

  public GameBudget(RedisClient redis, BudgetSettings settings) {
    this.redis = redis;
    this.settings = settings;
  }

  public BudgetDecision tryAcquire(String gameId, int estimatedTokens) {
    double requestsPerMs = settings.requestsPerSecond() / 1000.0;
    double tokensPerMs = settings.tokensPerMinute() / 60_000.0;
    // Idle buckets are full again after this long; the key can go.
    long idleMs =
        (long)
                Math.max(
                    settings.requestBurst() / Math.max(requestsPerMs, 1e-9),
                    settings.tokenBurst() / Math.max(tokensPerMs, 1e-9))
            + 60_000;
    Object verdict =
        redis.eval(
            SCRIPT,
            List.of(PREFIX + gameId),
            List.of(
                Double.toString(requestsPerMs),
                Double.toString(settings.requestBurst()),
                Double.toString(tokensPerMs),
                Double.toString(settings.tokenBurst()),
                Integer.toString(estimatedTokens),
                Long.toString(Math.min(idleMs, 7L * 24 * 3600 * 1000))));
    long v = ((Number) verdict).longValue();
    if (v == 1) {
      return new BudgetDecision(false, "budget: request rate limit of game " + gameId);
    }
    if (v == 2) {
      return new BudgetDecision(false, "budget: token budget of game " + gameId + " exhausted");
    }
    return BudgetDecision.ALLOWED;
  }
}

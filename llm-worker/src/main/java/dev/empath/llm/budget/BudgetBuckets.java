package dev.empath.llm.budget;

import dev.empath.platform.redis.LuaScript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Per-game rate limit and token budget, as two token buckets in one Redis hash updated by a Lua
 * script: check and take happen atomically on the server, with the server's clock, so any number of
 * worker replicas share one budget without coordination.
 *
 * <p>A request takes one request token and its estimated token cost (prompt estimate plus max
 * output tokens, an upper bound), or nothing if either bucket is short. Once the provider has
 * reported what the request really used, the difference is given back ({@link #refund}): it waits
 * in the hash's {@code rf} field, and the next take adds it to the token bucket, never beyond the
 * burst. A bucket that expired meanwhile comes back full, so a refund to it changes nothing.
 * Requests leased ahead and not used ({@link BudgetLeases}) come back the same way, in {@code rr}.
 */
public final class BudgetBuckets {

  public static final String PREFIX = "empath:llm:budget:";

  /**
   * Lua that takes from the buckets in hash {@code KEYS[budgetKey]}, with the arguments of {@link
   * #args} from {@code ARGV[1]}, and leaves {@code verdict}: 0 taken, 1 out of requests, 2 out of
   * tokens. A fragment, so a script can check something else in the same round trip.
   */
  public static String takeFragment(int budgetKey) {
    return refillFragment(budgetKey)
        + """
        local verdict = 0
        if r < 1 then
          verdict = 1
        elseif k < cost then
          verdict = 2
        else
          r = r - 1
          k = k - cost
        end
        """
        + STORE;
  }

  /**
   * The part every take shares: reads the buckets of {@code KEYS[budgetKey]} into {@code r} and
   * {@code k}, refilled up to now and with the given-back requests ({@code rr}) and tokens ({@code
   * rf}) added, never beyond the bursts. What follows changes {@code r} and {@code k} and ends with
   * {@link #STORE}, which writes them back and clears the give-backs.
   */
  private static String refillFragment(int budgetKey) {
    // Buckets refill continuously from the last update; server TIME keeps replicas consistent.
    return """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local rrate = tonumber(ARGV[1])
        local rburst = tonumber(ARGV[2])
        local trate = tonumber(ARGV[3])
        local tburst = tonumber(ARGV[4])
        local cost = tonumber(ARGV[5])
        local bkey = KEYS[%d]
        local h = redis.call('HMGET', bkey, 'r', 't', 'ts', 'rf', 'rr')
        local r = tonumber(h[1]) or rburst
        local k = tonumber(h[2]) or tburst
        local ts = tonumber(h[3]) or now
        local dt = math.max(0, now - ts)
        r = math.min(rburst, r + dt * rrate + (tonumber(h[5]) or 0))
        k = math.min(tburst, k + dt * trate + (tonumber(h[4]) or 0))
        """
        .formatted(budgetKey);
  }

  private static final String STORE =
      """
      redis.call('HSET', bkey, 'r', tostring(r), 't', tostring(k), 'ts', tostring(now),
        'rf', '0', 'rr', '0')
      redis.call('PEXPIRE', bkey, ARGV[6])
      """;

  static final LuaScript TAKE = new LuaScript(takeFragment(1) + "return verdict\n");

  /**
   * A take for {@link BudgetLeases}: the request's own need ({@code ARGV[7]} requests, {@code cost}
   * tokens) or nothing, as {@link #takeFragment}; if taken, also up to {@code ARGV[8]} requests and
   * {@code ARGV[9]} tokens more, as many whole ones as the buckets hold beyond the need.
   */
  static final LuaScript LEASE =
      new LuaScript(
          refillFragment(1)
              + """
              local needr = tonumber(ARGV[7])
              local verdict, gotr, gotk = 0, 0, 0
              if r < needr then
                verdict = 1
              elseif k < cost then
                verdict = 2
              else
                gotr = math.max(0, math.min(tonumber(ARGV[8]), math.floor(r - needr)))
                gotk = math.max(0, math.min(tonumber(ARGV[9]), math.floor(k - cost)))
                r = r - needr - gotr
                k = k - cost - gotk
              end
              """
              + STORE
              + "return {verdict, gotr, gotk}\n");

  private static final byte[] REFUNDED = bytes("rf");
  private static final byte[] REFUNDED_REQUESTS = bytes("rr");

  private final UnifiedJedis redis;
  private final BudgetSettings settings;
  private final List<byte[]> rates;
  private final long idleMs;

  public BudgetBuckets(UnifiedJedis redis, BudgetSettings settings) {
    this.redis = redis;
    this.settings = settings;
    double requestsPerMs = settings.requestsPerSecond() / 1000.0;
    double tokensPerMs = settings.tokensPerMinute() / 60_000.0;
    // Idle buckets are full again after this long; the key can go.
    long idleMs =
        (long)
                Math.max(
                    settings.requestBurst() / Math.max(requestsPerMs, 1e-9),
                    settings.tokenBurst() / Math.max(tokensPerMs, 1e-9))
            + 60_000;
    this.idleMs = Math.min(idleMs, 7L * 24 * 3600 * 1000);
    this.rates =
        List.of(
            bytes(Double.toString(requestsPerMs)),
            bytes(Double.toString(settings.requestBurst())),
            bytes(Double.toString(tokensPerMs)),
            bytes(Double.toString(settings.tokenBurst())),
            new byte[0], // the request's cost, filled in per call
            bytes(Long.toString(this.idleMs)));
  }

  /**
   * The game id is the key's Redis Cluster hash tag, shared with the game's {@link
   * dev.empath.llm.cache.ResponseCache} keys: the admission script touches both in one call.
   */
  public static byte[] key(String gameId) {
    return bytes(PREFIX + "{" + gameId + "}");
  }

  public BudgetSettings settings() {
    return settings;
  }

  /** The arguments {@link #takeFragment} reads, for a request of {@code estimatedTokens}. */
  public List<byte[]> args(int estimatedTokens) {
    return args((long) estimatedTokens);
  }

  private List<byte[]> args(long tokens) {
    List<byte[]> args = new ArrayList<>(rates);
    args.set(4, bytes(Long.toString(tokens)));
    return args;
  }

  /** What a verdict of {@link #takeFragment} means for {@code gameId}. */
  public static BudgetDecision decision(long verdict, String gameId) {
    if (verdict == 1) {
      return new BudgetDecision(false, "budget: request rate limit of game " + gameId);
    }
    if (verdict == 2) {
      return new BudgetDecision(false, "budget: token budget of game " + gameId + " exhausted");
    }
    return BudgetDecision.ALLOWED;
  }

  /**
   * Gives back {@code tokens} that a request took but did not use, in {@code pipeline}: plain
   * commands, so they travel with other deferred writes; the next take applies them.
   */
  public void refund(AbstractPipeline pipeline, String gameId, long tokens) {
    refund(pipeline, gameId, 0, tokens);
  }

  /**
   * Gives back {@code requests} and {@code tokens} taken but not used, as {@link #refund(
   * AbstractPipeline, String, long)}; returns how many commands it added to {@code pipeline}.
   */
  public int refund(AbstractPipeline pipeline, String gameId, long requests, long tokens) {
    byte[] key = key(gameId);
    int commands = 1;
    if (requests > 0) {
      pipeline.hincrByFloat(key, REFUNDED_REQUESTS, requests);
      commands++;
    }
    if (tokens > 0) {
      pipeline.hincrByFloat(key, REFUNDED, tokens);
      commands++;
    }
    pipeline.pexpire(key, idleMs); // a refund alone must not leave a key without expiry
    return commands;
  }

  public BudgetDecision tryAcquire(String gameId, int estimatedTokens) {
    Object verdict = TAKE.call(redis, List.of(key(gameId)), args(estimatedTokens));
    return decision(((Number) verdict).longValue(), gameId);
  }

  /**
   * What one lease take got: the decision on the need, and what was taken beyond it (0 when
   * refused).
   */
  public record Leased(BudgetDecision decision, long requests, long tokens) {}

  /**
   * In one script call, takes {@code needRequests} and {@code needTokens} or nothing; if taken,
   * also up to {@code moreRequests} and {@code moreTokens}, as much as the buckets hold beyond the
   * need.
   */
  public Leased lease(
      String gameId, long needRequests, long needTokens, long moreRequests, long moreTokens) {
    List<byte[]> args = args(needTokens);
    args.add(bytes(Long.toString(needRequests)));
    args.add(bytes(Long.toString(moreRequests)));
    args.add(bytes(Long.toString(moreTokens)));
    List<?> reply = (List<?>) LEASE.call(redis, List.of(key(gameId)), args);
    return new Leased(
        decision(((Number) reply.get(0)).longValue(), gameId),
        ((Number) reply.get(1)).longValue(),
        ((Number) reply.get(2)).longValue());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

package dev.empath.llm.budget;

import dev.empath.llm.cache.CacheKeyIndex;
import dev.empath.llm.cache.ResponseCache;
import dev.empath.platform.redis.LuaScript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * What stands between a request and its provider call: the cached answer if there is one (which
 * takes nothing from the budget), otherwise the game's budget.
 *
 * <p>Usually decided without Redis: when the worker's index of cache keys says the request's key
 * surely does not exist ({@link CacheKeyIndex}), the budget comes from this worker's lease of it
 * ({@link BudgetLeases}), which goes to Redis only once per lease. Otherwise — the key may exist,
 * or the index is not complete — one script reads the cache and, on a miss, takes from the shared
 * budget, in one round trip.
 */
public final class CallAdmission implements AutoCloseable {

  static final LuaScript CACHED_OR_TAKE =
      new LuaScript(
          """
          local hit = redis.call('GET', KEYS[2])
          if hit then
            return {1, hit}
          end
          """
              + BudgetBuckets.takeFragment(1)
              + "return {0, verdict}\n");

  /** A cached answer, or the budget's decision for a provider call. */
  public sealed interface Verdict {}

  /** The answer is in the cache; no provider call and no budget needed. */
  public record Cached(ResponseCache.Entry entry) implements Verdict {}

  /** No cached answer; the budget allowed or refused a provider call. */
  public record Budgeted(BudgetDecision decision) implements Verdict {}

  private final UnifiedJedis redis;
  private final BudgetBuckets budget;
  private final BudgetRefunds refunds;
  private final BudgetLeases leases;
  private final Optional<CacheKeyIndex> index;

  /**
   * @param index the cache keys that may exist; empty reads the cache in Redis for every request
   */
  public CallAdmission(
      UnifiedJedis redis,
      BudgetBuckets budget,
      BudgetRefunds refunds,
      BudgetLeases leases,
      Optional<CacheKeyIndex> index) {
    this.redis = redis;
    this.budget = budget;
    this.refunds = refunds;
    this.leases = leases;
    this.index = index;
  }

  /**
   * After a provider call that {@link #check} allowed: gives back the tokens reserved beyond what
   * the provider reported using (written behind, see {@link BudgetRefunds}).
   */
  public void settle(String gameId, int reservedTokens, int usedTokens) {
    refunds.refundLater(gameId, (long) reservedTokens - usedTokens);
  }

  public Verdict check(String gameId, String cacheKey, int estimatedTokens) {
    if (index.isPresent() && !index.get().mayExist(cacheKey)) {
      return new Budgeted(leases.tryTake(gameId, estimatedTokens));
    }
    List<?> reply =
        (List<?>)
            CACHED_OR_TAKE.call(
                redis,
                List.of(BudgetBuckets.key(gameId), cacheKey.getBytes(StandardCharsets.UTF_8)),
                budget.args(estimatedTokens));
    long kind = ((Number) reply.get(0)).longValue();
    if (kind == 0) {
      return new Budgeted(BudgetBuckets.decision(((Number) reply.get(1)).longValue(), gameId));
    }
    Optional<ResponseCache.Entry> entry = ResponseCache.decode((byte[]) reply.get(1));
    if (entry.isPresent()) {
      return new Cached(entry.get());
    }
    // A corrupt entry is a miss, and a miss pays from the budget like any other.
    return new Budgeted(budget.tryAcquire(gameId, estimatedTokens));
  }

  /** Gives back what is leased and stops following the cache's keys. */
  @Override
  public void close() {
    index.ifPresent(CacheKeyIndex::close);
    leases.close();
  }
}

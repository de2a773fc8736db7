package dev.empath.llm.admission;

import dev.empath.llm.cache.ResponseCache;
import dev.empath.llm.limits.BudgetDecision;
import dev.empath.llm.limits.BudgetRefunds;
import dev.empath.llm.limits.GameBudget;
import dev.empath.platform.redis.LuaScript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.RedisClient;

/**
 * What stands between a request and its provider call, decided in one Redis round trip: the cached
 * answer if there is one (which takes nothing from the budget), otherwise the game's budget, taken
 * atomically in the same script.
 */
public final class Admission {

  private static final LuaScript CACHED_OR_TAKE =
      new LuaScript(
          """
          local hit = redis.call('GET', KEYS[2])
          if hit then
            return {1, hit}
          end
          """
              + GameBudget.takeFragment(1)
              + "return {0, verdict}\n");

  /** A cached answer, or the budget's decision for a provider call. */
  public sealed interface Verdict {}

  /** The answer is in the cache; no provider call and no budget needed. */
  public record Cached(ResponseCache.Entry entry) implements Verdict {}

  /** No cached answer; the budget allowed or refused a provider call. */
  public record Budgeted(BudgetDecision decision) implements Verdict {}

  private final RedisClient redis;
  private final GameBudget budget;
  private final BudgetRefunds refunds;

  public Admission(RedisClient redis, GameBudget budget, BudgetRefunds refunds) {
    this.redis = redis;
    this.budget = budget;
    this.refunds = refunds;
  }

  /**
   * After a provider call that {@link #check} allowed: gives back the tokens reserved beyond what
   * the provider reported using (written behind, see {@link BudgetRefunds}).
   */
  public void settle(String gameId, int reservedTokens, int usedTokens) {
    refunds.refundLater(gameId, (long) reservedTokens - usedTokens);
  }

  public Verdict check(String gameId, String cacheKey, int estimatedTokens) {
    List<?> reply =
        (List<?>)
            CACHED_OR_TAKE.call(
                redis,
                List.of(GameBudget.key(gameId), cacheKey.getBytes(StandardCharsets.UTF_8)),
                budget.args(estimatedTokens));
    long kind = ((Number) reply.get(0)).longValue();
    if (kind == 0) {
      return new Budgeted(GameBudget.decision(((Number) reply.get(1)).longValue(), gameId));
    }
    Optional<ResponseCache.Entry> entry = ResponseCache.decode((byte[]) reply.get(1));
    if (entry.isPresent()) {
      return new Cached(entry.get());
    }
    // A corrupt entry is a miss, and a miss pays from the budget like any other.
    return new Budgeted(budget.tryAcquire(gameId, estimatedTokens));
  }
}

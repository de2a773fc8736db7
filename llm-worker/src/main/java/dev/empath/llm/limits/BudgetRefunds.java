package dev.empath.llm.limits;

import dev.empath.llm.deferred.PipelinedWrites;
import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;

/**
 * Tokens to give back to games' budgets, added up per game in memory and sent with the deferred
 * writes: a request reserves an upper bound of its tokens before the call, and the difference to
 * what the provider reported is returned here, off the request path. Lost on a crash (at most one
 * flush interval): the budget then stays charged with the estimate, the safe side.
 */
public final class BudgetRefunds implements PipelinedWrites {

  private final GameBudget budget;
  private Map<String, Long> held = new HashMap<>();

  public BudgetRefunds(GameBudget budget) {
    this.budget = budget;
  }

  /** Gives back what a request of {@code gameId} reserved beyond what it used; ignores ≤ 0. */
  public synchronized void refundLater(String gameId, long tokens) {
    if (tokens > 0) {
      held.merge(gameId, tokens, Long::sum);
    }
  }

  @Override
  public synchronized boolean holdsWrites() {
    return !held.isEmpty();
  }

  @Override
  public int drainTo(AbstractPipeline pipeline) {
    Map<String, Long> drained;
    synchronized (this) {
      drained = held;
      held = new HashMap<>();
    }
    drained.forEach((game, tokens) -> budget.refund(pipeline, game, tokens));
    return drained.size() * 2;
  }
}

package dev.empath.llm.budget;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;

/**
 * Requests and tokens to give back to games' budgets, added up per game in memory and sent with the
 * deferred writes: a request reserves an upper bound of its tokens before the call, and the
 * difference to what the provider reported is returned here, off the request path; so is what a
 * {@link BudgetLeases lease} took ahead and did not use. Lost on a crash (at most one flush
 * interval): the budget then stays charged, the safe side.
 */
public final class BudgetRefunds implements WriteBehindSource {

  /** Requests and tokens held for one game. */
  private record Held(long requests, long tokens) {
    Held plus(Held other) {
      return new Held(requests + other.requests, tokens + other.tokens);
    }
  }

  private final BudgetBuckets budget;
  private Map<String, Held> held = new HashMap<>();

  public BudgetRefunds(BudgetBuckets budget) {
    this.budget = budget;
  }

  /** Gives back what a request of {@code gameId} reserved beyond what it used; ignores ≤ 0. */
  public void refundLater(String gameId, long tokens) {
    refundLater(gameId, 0, tokens);
  }

  /** Gives back {@code requests} and {@code tokens} to {@code gameId}'s budget; ignores ≤ 0. */
  public synchronized void refundLater(String gameId, long requests, long tokens) {
    Held given = new Held(Math.max(0, requests), Math.max(0, tokens));
    if (given.requests > 0 || given.tokens > 0) {
      held.merge(gameId, given, Held::plus);
    }
  }

  @Override
  public synchronized boolean holdsWrites() {
    return !held.isEmpty();
  }

  @Override
  public int drainTo(AbstractPipeline pipeline) {
    Map<String, Held> drained;
    synchronized (this) {
      drained = held;
      held = new HashMap<>();
    }
    int commands = 0;
    for (Map.Entry<String, Held> e : drained.entrySet()) {
      commands += budget.refund(pipeline, e.getKey(), e.getValue().requests, e.getValue().tokens);
    }
    return commands;
  }
}

package dev.empath.llm.budget;

/**
 * Per-game limits, shared by every replica.
 *
 * @param requestsPerSecond refill rate of the request bucket
 * @param requestBurst size of the request bucket
 * @param tokensPerMinute refill rate of the token budget
 * @param tokenBurst size of the token budget
 */
public record BudgetSettings(
    double requestsPerSecond, double requestBurst, double tokensPerMinute, double tokenBurst) {

  public static BudgetSettings defaults() {
    return new BudgetSettings(20, 40, 60_000, 120_000);
  }
}

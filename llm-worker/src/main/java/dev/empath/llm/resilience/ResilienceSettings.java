package dev.empath.llm.resilience;

import java.time.Duration;

/**
 * Retry and circuit-breaker settings, shared by every provider.
 *
 * @param maxAttempts attempts per provider before moving to the next one (1 = no retry)
 * @param baseBackoff first backoff; later ones grow by {@code multiplier}, with ±50% jitter
 * @param maxBackoff cap of one backoff, and of an honoured {@code Retry-After}
 * @param minCallTime a call with less time than this left before the deadline is not started
 * @param breakerWindow calls the breaker looks back on
 * @param breakerMinCalls calls needed before the breaker may open
 * @param breakerFailureRatePercent failure rate that opens the breaker
 * @param breakerOpenFor how long an open breaker refuses calls before letting probes through
 * @param breakerProbes calls allowed while half open
 * @param answerReserve time kept free before the deadline for the fallback answer and the result
 */
public record ResilienceSettings(
    int maxAttempts,
    Duration baseBackoff,
    double multiplier,
    Duration maxBackoff,
    Duration minCallTime,
    int breakerWindow,
    int breakerMinCalls,
    float breakerFailureRatePercent,
    Duration breakerOpenFor,
    int breakerProbes,
    Duration answerReserve) {

  public static ResilienceSettings defaults() {
    return new ResilienceSettings(
        3,
        Duration.ofMillis(100),
        2.0,
        Duration.ofSeconds(2),
        Duration.ofMillis(50),
        20,
        5,
        50f,
        Duration.ofSeconds(30),
        2,
        Duration.ofMillis(100));
  }
}

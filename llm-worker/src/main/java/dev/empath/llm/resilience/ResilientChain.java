package dev.empath.llm.resilience;

import dev.empath.llm.provider.Completion;
import dev.empath.llm.provider.GenerationProvider;
import dev.empath.llm.provider.Prompt;
import dev.empath.llm.provider.ProviderFailure;
import dev.empath.llm.provider.ProviderWait;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a chain of providers in order until one answers: retries with exponential backoff and
 * jitter on 429 (honouring {@code Retry-After}), 5xx and time-outs; one Resilience4j circuit
 * breaker per provider; and the request's deadline bounding everything — a call gets only the time
 * left, and a retry whose wait would leave too little time is not made.
 *
 * <p>The retry loop is ours rather than Resilience4j's {@code Retry} because the deadline differs
 * per request, and a {@code Retry} instance cannot be told "stop if the next wait ends after this
 * instant". Backoff intervals and breakers come from Resilience4j.
 */
public final class ResilientChain {

  private static final Logger log = LoggerFactory.getLogger(ResilientChain.class);

  private final ResilienceSettings settings;
  private final CircuitBreakerRegistry breakers;
  private final IntervalFunction backoff;
  private final Clock clock;

  public ResilientChain(ResilienceSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.breakers =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinCalls())
                .failureRateThreshold(settings.breakerFailureRatePercent())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(settings.breakerProbes())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    this.backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            settings.baseBackoff(), settings.multiplier(), 0.5, settings.maxBackoff());
  }

  /** The breaker of a provider, for health reporting and tests. */
  public CircuitBreaker breaker(String provider) {
    return breakers.circuitBreaker(provider);
  }

  /**
   * @param deadlineMs epoch milliseconds after which an answer is useless
   */
  public ChainOutcome call(List<GenerationProvider> chain, Prompt prompt, long deadlineMs) {
    List<ChainOutcome.Attempt> failures = new ArrayList<>();
    boolean deadlineCut = false;
    for (GenerationProvider provider : chain) {
      if (provider.local()) {
        Completion c = provider.complete(prompt, Duration.ZERO);
        return new ChainOutcome(c, provider.name(), failures, deadlineCut);
      }
      CircuitBreaker breaker = breakers.circuitBreaker(provider.name());
      for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
        // Keep a moment after the call for the fallback answer and the result itself.
        long remaining = deadlineMs - clock.millis() - settings.answerReserve().toMillis();
        if (remaining < settings.minCallTime().toMillis()) {
          deadlineCut = true;
          break;
        }
        if (!breaker.tryAcquirePermission()) {
          failures.add(
              new ChainOutcome.Attempt(
                  provider.name(), ProviderFailure.Kind.BREAKER_OPEN, "circuit open"));
          break;
        }
        long start = System.nanoTime();
        ProviderFailure failure;
        try {
          Completion c = provider.complete(prompt, Duration.ofMillis(remaining));
          breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          return new ChainOutcome(c, provider.name(), failures, deadlineCut);
        } catch (ProviderFailure f) {
          failure = f;
        } catch (RuntimeException e) {
          failure = new ProviderFailure(ProviderFailure.Kind.MALFORMED, e.toString(), e);
        }
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
        failures.add(
            new ChainOutcome.Attempt(provider.name(), failure.kind(), failure.getMessage()));
        log.debug("{} attempt {} failed: {}", provider.name(), attempt, failure.getMessage());
        if (!failure.kind().retryable() || attempt == settings.maxAttempts()) {
          break;
        }
        if (failure.retryAfter().filter(d -> d.compareTo(settings.maxBackoff()) > 0).isPresent()) {
          break; // the server wants a longer pause than we will wait: try the next provider
        }
        long waitMs = waitBefore(attempt, failure);
        if (clock.millis()
                + waitMs
                + settings.minCallTime().toMillis()
                + settings.answerReserve().toMillis()
            > deadlineMs) {
          deadlineCut = true;
          break; // the retry could not finish in time; the next provider may still
        }
        if (!sleep(waitMs)) {
          break;
        }
      }
    }
    throw new IllegalStateException("provider chain without a local provider at its end");
  }

  private long waitBefore(int attempt, ProviderFailure failure) {
    long computed = backoff.apply(attempt);
    return failure.retryAfter().map(d -> Math.max(d.toMillis(), 0L)).orElse(computed);
  }

  /** A pause the provider's answer asked for: counted as waiting on it, not as our overhead. */
  private static boolean sleep(long ms) {
    long start = System.nanoTime();
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      ProviderWait.add(System.nanoTime() - start);
    }
  }
}

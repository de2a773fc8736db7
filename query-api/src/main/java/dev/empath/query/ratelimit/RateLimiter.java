package dev.empath.query.ratelimit;

import dev.empath.query.config.ApiProperties;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Per-key request rate limit, kept by each instance for itself (no Redis round trip on a request):
 * with {@code empath.api.instances} = N, each instance allows 1/N of the configured rate and burst,
 * so a key gets the configured rate over all N behind a load balancer that spreads its requests.
 */
@Singleton
public final class RateLimiter {

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoClock;
  private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(ApiProperties properties) {
    this(properties, System::nanoTime);
  }

  RateLimiter(ApiProperties properties, LongSupplier nanoClock) {
    this(
        properties.rateLimitPerSecond() / properties.instances(),
        Math.max(1, properties.rateLimitBurst() / properties.instances()),
        nanoClock);
  }

  RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /**
   * @return 0 when {@code key} may make a request now, otherwise whole seconds to wait (>= 1), as a
   *     {@code Retry-After} header wants them
   */
  public long retryAfterSeconds(String key) {
    long now = nanoClock.getAsLong();
    long waitNanos =
        buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now)).tryTake(now);
    return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
  }
}

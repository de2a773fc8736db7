package dev.empath.query.ratelimit;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perSecond}; a request takes
 * one. Synchronized: a bucket belongs to one key and its critical section is a few arithmetic
 * operations.
 */
public final class TokenBucket {

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.capacity = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /**
   * Takes a token if one is there.
   *
   * @return 0 when the request may proceed, otherwise the nanoseconds until a token is available
   */
  public synchronized long tryTake(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    tokens = Math.min(capacity, tokens + elapsed * perNano);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / perNano);
  }
}

package dev.empath.query.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.query.config.ApiProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RateLimiter limiter = new RateLimiter(2, 3, now::get);

  @Test
  void allowsABurstThenTheSustainedRate() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.retryAfterSeconds("k")).isZero();
    }
    assertThat(limiter.retryAfterSeconds("k")).isEqualTo(1);
    now.addAndGet(500_000_000L); // half a second refills one token at 2/s
    assertThat(limiter.retryAfterSeconds("k")).isZero();
    assertThat(limiter.retryAfterSeconds("k")).isEqualTo(1);
  }

  @Test
  void eachOfNInstancesAllowsItsShareOfTheRateAndBurst() {
    ApiProperties fourInstances = new ApiProperties(null, null, null, 8, 12, null, 4, 0);
    RateLimiter share = new RateLimiter(fourInstances, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(share.retryAfterSeconds("k")).as("a quarter of the burst of 12").isZero();
    }
    assertThat(share.retryAfterSeconds("k")).isPositive();
    now.addAndGet(500_000_000L); // a quarter of 8/s refills one token in half a second
    assertThat(share.retryAfterSeconds("k")).isZero();
    assertThat(share.retryAfterSeconds("k")).isPositive();
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    for (int i = 0; i < 3; i++) {
      limiter.retryAfterSeconds("a");
    }
    assertThat(limiter.retryAfterSeconds("a")).isPositive();
    assertThat(limiter.retryAfterSeconds("b")).isZero();
  }

  @Test
  void bucketNeverHoldsMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(1, 2, 0);
    long hourLater = 3_600_000_000_000L;
    assertThat(bucket.tryTake(hourLater)).isZero();
    assertThat(bucket.tryTake(hourLater)).isZero();
    assertThat(bucket.tryTake(hourLater)).isEqualTo(1_000_000_000L);
  }
}

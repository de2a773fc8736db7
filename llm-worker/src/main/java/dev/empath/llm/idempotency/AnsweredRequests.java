package dev.empath.llm.idempotency;

import java.time.Duration;
import java.util.Collection;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Markers of request ids whose result is already committed to the result topic, so a duplicate of
 * the request (a producer retry, a replay) is not answered again.
 *
 * <p>A marker is written only after the result's transaction has committed: a crash before that
 * leaves no marker and the uncommitted request is processed again (never lost). The reverse order
 * could lose a request, so it is not used. The remaining window — a crash after the commit and
 * before the marker — can answer a later duplicate twice; the request itself is never reprocessed,
 * since its offset committed with the result.
 */
public final class AnsweredRequests {

  public static final String PREFIX = "empath:llm:answered:";

  private final RedisClient redis;
  private final Duration ttl;

  /**
   * @param ttl how long a request id stays answered; at least the request topic's retention
   */
  public AnsweredRequests(RedisClient redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  public boolean isAnswered(String requestId) {
    return redis.exists(PREFIX + requestId);
  }

  public void markAnswered(Collection<String> requestIds) {
    if (requestIds.isEmpty()) {
      return;
    }
    try (AbstractPipeline p = redis.pipelined()) {
      SetParams params = SetParams.setParams().px(ttl.toMillis());
      requestIds.forEach(id -> p.set(PREFIX + id, "1", params));
      p.sync();
    }
  }
}

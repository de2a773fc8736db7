package dev.empath.llm.idempotency;

import dev.empath.platform.redis.RedisConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
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

  private final UnifiedJedis redis;
  private final Duration ttl;

  /**
   * @param ttl how long a request id stays answered; at least the request topic's retention
   */
  public AnsweredRequests(UnifiedJedis redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  /**
   * The ids among {@code requestIds} already answered, in one round trip: one MGET on a single
   * node; on a Redis Cluster, where the markers spread over every slot (an MGET across slots is
   * refused), one GET per id in a pipeline, which travels as one round trip per node.
   */
  public Set<String> answeredAmong(List<String> requestIds) {
    if (requestIds.isEmpty()) {
      return Set.of();
    }
    List<String> values =
        RedisConnections.isCluster(redis) ? getEach(requestIds) : mget(requestIds);
    Set<String> out = new HashSet<>();
    for (int i = 0; i < requestIds.size(); i++) {
      if (values.get(i) != null) {
        out.add(requestIds.get(i));
      }
    }
    return out;
  }

  private List<String> mget(List<String> requestIds) {
    return redis.mget(requestIds.stream().map(id -> PREFIX + id).toArray(String[]::new));
  }

  private List<String> getEach(List<String> requestIds) {
    List<Response<String>> replies = new ArrayList<>(requestIds.size());
    try (AbstractPipeline p = redis.pipelined()) {
      requestIds.forEach(id -> replies.add(p.get(PREFIX + id)));
      p.sync();
    }
    return replies.stream().map(Response::get).toList();
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

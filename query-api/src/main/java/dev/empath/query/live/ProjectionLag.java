package dev.empath.query.live;

import dev.empath.readmodel.ReadModel;
import dev.empath.readmodel.keys.Keyspace;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.UnifiedJedis;

/**
 * Records the projector has still to write: each source partition's end offset minus the next
 * offset the active keyspace version has stored. End offsets count transaction markers, so a topic
 * written transactionally shows about one record per partition at rest.
 */
final class ProjectionLag {

  private ProjectionLag() {}

  static long records(UnifiedJedis redis, ReadModel readModel, Map<TopicPartition, Long> ends) {
    Keyspace keys = readModel.activeKeyspace();
    Map<String, String> stored = redis.hgetAll(keys.offsets());
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      TopicPartition tp = end.getKey();
      String next = stored.get(Keyspace.offsetField(tp.topic(), tp.partition()));
      long projected = next == null ? 0 : Long.parseLong(next);
      lag += Math.max(0, end.getValue() - projected);
    }
    return lag;
  }
}

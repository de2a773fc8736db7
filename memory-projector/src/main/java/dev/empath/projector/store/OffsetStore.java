package dev.empath.projector.store;

import dev.empath.readmodel.keys.Keyspace;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.UnifiedJedis;

/** Reads the next offsets a keyspace version has applied, per source partition. */
public final class OffsetStore {

  private final UnifiedJedis redis;

  public OffsetStore(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** Next offset per partition; partitions never committed are absent. */
  public Map<TopicPartition, Long> read(Keyspace keys, Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (partitions.isEmpty()) {
      return out;
    }
    List<TopicPartition> order = List.copyOf(partitions);
    String[] fields =
        order.stream()
            .map(tp -> Keyspace.offsetField(tp.topic(), tp.partition()))
            .toArray(String[]::new);
    List<String> values = redis.hmget(keys.offsets(), fields);
    for (int i = 0; i < order.size(); i++) {
      if (values.get(i) != null) {
        out.put(order.get(i), Long.parseLong(values.get(i)));
      }
    }
    return out;
  }
}

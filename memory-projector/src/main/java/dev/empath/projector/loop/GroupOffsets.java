package dev.empath.projector.loop;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the consumer group how far the live projector has applied, so {@code kafka-consumer-groups
 * --describe} shows its lag. For information only: positions are read from Redis, never from these
 * offsets, so a commit that fails (a rebalance, a broker away) is logged and forgotten.
 */
final class GroupOffsets {

  private static final Logger log = LoggerFactory.getLogger(GroupOffsets.class);

  private final Consumer<byte[], byte[]> consumer;
  private final boolean enabled;
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

  /**
   * @param enabled false for a rebuild, whose consumer has no group
   */
  GroupOffsets(Consumer<byte[], byte[]> consumer, boolean enabled) {
    this.consumer = consumer;
    this.enabled = enabled;
  }

  /** Notes that Redis holds {@code next} as the next offset of {@code tp}. */
  void applied(TopicPartition tp, long next) {
    if (enabled) {
      pending.put(tp, new OffsetAndMetadata(next));
    }
  }

  /** Commits what was noted since the last call, without waiting. Loop thread only. */
  void commit() {
    if (pending.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(pending);
    pending.clear();
    try {
      consumer.commitAsync(
          offsets,
          (committed, e) -> {
            if (e != null) {
              log.debug("group offsets not committed (informational only): {}", e.toString());
            }
          });
    } catch (RuntimeException e) {
      log.debug("group offsets not committed (informational only): {}", e.toString());
    }
  }
}

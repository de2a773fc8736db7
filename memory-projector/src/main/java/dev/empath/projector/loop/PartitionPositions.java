package dev.empath.projector.loop;

import dev.empath.projector.decode.PartitionEvents;
import dev.empath.projector.store.OffsetStore;
import dev.empath.readmodel.keys.Keyspace;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The partitions the loop owns and, for each, the next offset Redis holds. Positions live in Redis
 * only: a partition newly assigned (or after a switch of version) is unsynced until its stored
 * offset has been read and the consumer sought to it.
 */
final class PartitionPositions {

  private static final Logger log = LoggerFactory.getLogger(PartitionPositions.class);

  private final Consumer<byte[], byte[]> consumer;
  private final OffsetStore offsets;
  private final ProjectorStats stats;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final Set<TopicPartition> unsynced = new HashSet<>();
  // Next offset Redis holds per partition; -1 = none stored yet.
  private final Map<TopicPartition, Long> next = new HashMap<>();

  PartitionPositions(Consumer<byte[], byte[]> consumer, OffsetStore offsets, ProjectorStats stats) {
    this.consumer = consumer;
    this.offsets = offsets;
    this.stats = stats;
  }

  void assigned(Collection<TopicPartition> partitions) {
    assigned.addAll(partitions);
    unsynced.addAll(partitions);
  }

  void revoked(Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
    unsynced.removeAll(partitions);
    partitions.forEach(next::remove);
  }

  boolean isAssigned(TopicPartition tp) {
    return assigned.contains(tp);
  }

  Set<TopicPartition> assigned() {
    return Collections.unmodifiableSet(assigned);
  }

  Set<TopicPartition> unsynced() {
    return Collections.unmodifiableSet(unsynced);
  }

  boolean synced() {
    return unsynced.isEmpty();
  }

  /**
   * Seeks every unsynced partition to the offset {@code keyspace} holds for it, or to the beginning
   * when it holds none. Throws {@link JedisException} when Redis cannot be read; nothing changes.
   */
  void sync(Keyspace keyspace) {
    Map<TopicPartition, Long> stored = offsets.read(keyspace, unsynced);
    for (TopicPartition tp : unsynced) {
      Long offset = stored.get(tp);
      if (offset == null) {
        next.put(tp, -1L);
        consumer.seekToBeginning(List.of(tp));
      } else {
        continueAt(tp, offset);
      }
    }
    log.debug("positions of {} read from keyspace version {}", unsynced, keyspace.version());
    unsynced.clear();
  }

  /** Every owned partition must be read from Redis again (another keyspace version). */
  void forgetAll() {
    next.clear();
    unsynced.addAll(assigned);
  }

  /** The next offset Redis holds for {@code tp}; -1 = none stored yet. */
  long next(TopicPartition tp) {
    return next.getOrDefault(tp, -1L);
  }

  /** Partitions with an offset stored in Redis, as far as the loop knows. */
  List<TopicPartition> stored() {
    return next.entrySet().stream().filter(e -> e.getValue() >= 0).map(Map.Entry::getKey).toList();
  }

  void applied(TopicPartition tp, long nextOffset) {
    next.put(tp, nextOffset);
  }

  /** Redis no longer holds the offsets of {@code tp} (a flush): replays it from the start. */
  void lost(TopicPartition tp) {
    stats.lostOffsets.incrementAndGet();
    log.warn("Redis lost the offsets of {}: replaying it from the beginning", tp);
    next.put(tp, -1L);
    consumer.seekToBeginning(List.of(tp));
  }

  /**
   * Redis holds another offset for {@code tp} than the loop applied: older after a restart that
   * lost its last acknowledged writes (with them, atomically, their offsets), newer if another
   * writer moved it. Either way Redis is the truth: continue from {@code offset}.
   */
  void movedInRedis(TopicPartition tp, long offset) {
    stats.lostOffsets.incrementAndGet();
    log.warn(
        "Redis holds offset {} for {} where {} was applied: continuing from what Redis holds",
        offset,
        tp,
        next(tp));
    continueAt(tp, offset);
  }

  /** Continues {@code tp} from {@code offset}, the one Redis holds. */
  void continueAt(TopicPartition tp, long offset) {
    next.put(tp, offset);
    consumer.seek(tp, offset);
  }

  /** Whether the consumer has read every partition in {@code ends} up to its end offset. */
  boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Moves each owned partition of {@code batch} back to its first record, to read it again. */
  void rewind(List<PartitionEvents> batch) {
    for (PartitionEvents pe : batch) {
      if (assigned.contains(pe.partition())) {
        consumer.seek(pe.partition(), pe.offsets().get(0));
      }
    }
  }
}

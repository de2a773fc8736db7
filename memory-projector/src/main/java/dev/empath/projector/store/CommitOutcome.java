package dev.empath.projector.store;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What Redis answered to one partition's batch.
 *
 * @param detail the stored offset (conflict, done) or the active version (switched)
 * @param watermarks on a Redis Cluster, what the batch's groups answered they have applied (hash
 *     tag → next offset), when not every group applied the batch as sent; empty otherwise
 */
public record CommitOutcome(
    TopicPartition partition, Status status, String detail, Map<String, Long> watermarks) {

  public CommitOutcome {
    watermarks = Map.copyOf(watermarks);
  }

  public CommitOutcome(TopicPartition partition, Status status, String detail) {
    this(partition, status, detail, Map.of());
  }

  public enum Status {
    /** Writes and offset applied. */
    APPLIED,
    /** Already applied by an earlier attempt whose reply was lost: nothing done, all good. */
    ALREADY_APPLIED,
    /** The offsets are gone (Redis flushed or restarted empty): rebuild the partition. */
    LOST,
    /** Another writer moved the offset: re-read it and continue from there. */
    CONFLICT,
    /** The active keyspace version changed: move to it. */
    SWITCHED,
    /**
     * Redis Cluster: some group had applied part of the records already (a replay after a crash);
     * nothing of it was written. Read the records again and fold them with {@link #watermarks}.
     */
    RETRY
  }
}

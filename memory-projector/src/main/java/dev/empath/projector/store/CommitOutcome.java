package dev.empath.projector.store;

import org.apache.kafka.common.TopicPartition;

/**
 * What Redis answered to one partition's batch.
 *
 * @param detail the stored offset (conflict, done) or the active version (switched)
 */
public record CommitOutcome(TopicPartition partition, Status status, String detail) {

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
    SWITCHED
  }
}

package dev.empath.projector.store;

import dev.empath.readmodel.keys.Keyspace;
import java.util.List;

/**
 * Applies the batches of a poll to Redis, each partition's batch with the offset it came from:
 * {@link AtomicBatchWriter} on one node, {@link SlotBatchWriter} on a Redis Cluster.
 */
public interface BatchWriter {

  /** Commits {@code batches}; one outcome per batch, in order. */
  List<CommitOutcome> commit(
      Keyspace keys, AtomicBatchWriter.Mode mode, List<PartitionBatch> batches);
}

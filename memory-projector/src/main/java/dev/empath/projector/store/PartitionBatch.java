package dev.empath.projector.store;

import dev.empath.readmodel.write.WriteOp;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The writes folded from one partition's records, and the offsets that frame them.
 *
 * @param expectedNext the next offset Redis is believed to hold for the partition; -1 = none yet
 * @param first the offset of the batch's first record
 * @param next the offset after the last record of the batch
 * @param watermarks on a Redis Cluster, what groups are known to have applied of this partition
 *     already (hash tag → next offset), learned from earlier answers; their writes for records
 *     below it were left out of {@code ops}
 */
public record PartitionBatch(
    TopicPartition partition,
    long expectedNext,
    long first,
    long next,
    List<WriteOp> ops,
    Map<String, Long> watermarks) {

  public PartitionBatch {
    ops = List.copyOf(ops);
    watermarks = Map.copyOf(watermarks);
    if (next <= expectedNext) {
      throw new IllegalArgumentException(
          "batch of " + partition + " must advance the offset: " + expectedNext + " -> " + next);
    }
  }

  /** A batch starting at the expected offset, with no known watermarks. */
  public PartitionBatch(TopicPartition partition, long expectedNext, long next, List<WriteOp> ops) {
    this(partition, expectedNext, Math.max(expectedNext, 0), next, ops, Map.of());
  }
}

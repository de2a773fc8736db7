package dev.empath.projector.store;

import dev.empath.readmodel.write.WriteOp;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The writes folded from one partition's records, and the offsets that frame them.
 *
 * @param expectedNext the next offset Redis is believed to hold for the partition; -1 = none yet
 * @param next the offset after the last record of the batch
 */
public record PartitionBatch(
    TopicPartition partition, long expectedNext, long next, List<WriteOp> ops) {

  public PartitionBatch {
    ops = List.copyOf(ops);
    if (next <= expectedNext) {
      throw new IllegalArgumentException(
          "batch of " + partition + " must advance the offset: " + expectedNext + " -> " + next);
    }
  }
}

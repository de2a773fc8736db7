package dev.empath.projector.rebuild;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Where a rebuild stops reading each partition: the offset of the first record it leaves out. */
@FunctionalInterface
public interface StopPlan {

  Map<TopicPartition, Long> stops(
      Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions);

  /** The end offsets as they are when the pass starts. */
  static StopPlan endOffsets() {
    return Consumer::endOffsets;
  }
}

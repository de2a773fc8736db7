package dev.empath.projector.loop;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a rebuild stops reading each partition. A poll may return records past that offset; they
 * are dropped, so a rebuild up to a time holds exactly the records before its stop offsets, and a
 * partition that has reached its stop is paused.
 */
final class StopOffsets {

  private final Map<TopicPartition, Long> stopAt;

  StopOffsets(Map<TopicPartition, Long> stopAt) {
    this.stopAt = Map.copyOf(stopAt);
  }

  Map<TopicPartition, Long> asMap() {
    return stopAt;
  }

  /** {@code records} without those at or past their partition's stop offset. */
  ConsumerRecords<byte[], byte[]> within(
      ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
    Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new HashMap<>();
    boolean dropped = false;
    for (TopicPartition tp : records.partitions()) {
      long stop = stopAt.getOrDefault(tp, Long.MAX_VALUE);
      List<ConsumerRecord<byte[], byte[]>> all = records.records(tp);
      List<ConsumerRecord<byte[], byte[]>> before =
          all.stream().filter(r -> r.offset() < stop).toList();
      if (before.size() < all.size()) {
        dropped = true;
        consumer.pause(List.of(tp));
      }
      if (!before.isEmpty()) {
        kept.put(tp, before);
      }
    }
    return dropped ? new ConsumerRecords<>(kept, Map.of()) : records;
  }
}

package dev.empath.projector.decode;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns a poll's records into events: records below the offset Redis already holds are skipped, and
 * a record that does not decode or breaks the contract goes to {@link RejectedRecords}.
 *
 * <p>Used by one thread; its counts may be read from any.
 */
public final class RecordDecoder {

  private final ProjectedTopics topics;
  private final RejectedRecords rejected;
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();

  public RecordDecoder(ProjectedTopics topics, RejectedRecords rejected) {
    this.topics = topics;
    this.rejected = rejected;
  }

  /**
   * @param storedNext the next offset Redis holds for a partition; -1 = none yet
   * @return the partitions with at least one record left after skipping
   */
  public List<PartitionEvents> decode(
      ConsumerRecords<byte[], byte[]> records, ToLongFunction<TopicPartition> storedNext) {
    List<PartitionEvents> out = new ArrayList<>();
    for (TopicPartition tp : records.partitions()) {
      long from = storedNext.applyAsLong(tp);
      List<Message> events = new ArrayList<>();
      List<Long> offsets = new ArrayList<>();
      long last = -1;
      for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
        if (record.offset() < from) {
          skipped.incrementAndGet();
          continue;
        }
        last = record.offset();
        events.add(decodeOrReject(record));
        offsets.add(last);
      }
      if (last >= 0) {
        out.add(new PartitionEvents(tp, events, offsets, last + 1));
      }
    }
    return out;
  }

  /** Records at or below the stored offset, not applied again. */
  public long skipped() {
    return skipped.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  private Message decodeOrReject(ConsumerRecord<byte[], byte[]> record) {
    try {
      Message event =
          topics
              .deserializer(record.topic())
              .deserialize(record.topic(), record.headers(), record.value());
      if (event == null) {
        throw new IllegalArgumentException("record has no value");
      }
      return event;
    } catch (RuntimeException e) {
      // Waits for the broker: the offset moving past a record is only safe once it is in the DLQ.
      rejected.reject(record, e);
      deadLettered.incrementAndGet();
      return null;
    }
  }
}

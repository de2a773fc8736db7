package dev.empath.history.scan;

import dev.empath.history.progress.Progress;
import dev.empath.history.time.TimeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a time range of some partitions and stops by itself: start offsets come from {@code
 * offsetsForTimes}, end offsets are taken once, when the read is planned, so records that keep
 * arriving are not waited for. With a {@code read_committed} consumer the end offsets are the last
 * stable offsets, so aborted and open transactions are never shown.
 *
 * <p>Record timestamps within a partition are not strictly ordered (producers set them), so the end
 * of a range bounded by time is the first offset whose timestamp is later than the range's end plus
 * a tolerance; records outside the range are skipped by the caller's filter, not by offset. That
 * offset is checked to hold a data record: a transaction marker there (markers carry the broker's
 * clock, not an event time) makes the partition read to its end offset instead.
 */
public final class BoundedScan {

  /** Receives each record of a scan, in offset order per partition. */
  @FunctionalInterface
  public interface RecordSink {
    /**
     * @return false to stop the scan early
     */
    boolean accept(ConsumerRecord<byte[], byte[]> record);
  }

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CHECK_WITHIN = Duration.ofSeconds(30);

  private final Consumer<byte[], byte[]> consumer;

  /**
   * @param consumer a consumer without a group (assignment is manual) and {@code read_committed}
   */
  private static final Duration NEW_TOPIC_GRACE = Duration.ofSeconds(2);

  public BoundedScan(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /** Every partition of {@code topic}; fails with the topic named when it does not exist. */
  public List<TopicPartition> partitions(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    // A topic created a moment ago may not be in this broker's metadata yet: ask again briefly.
    long deadline = System.nanoTime() + NEW_TOPIC_GRACE.toNanos();
    while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    }
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("topic " + topic + " does not exist");
    }
    List<TopicPartition> out = new ArrayList<>(infos.size());
    infos.forEach(p -> out.add(new TopicPartition(topic, p.partition())));
    out.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
    return out;
  }

  /** Partition count of {@code topic}. */
  public int partitionCount(String topic) {
    return partitions(topic).size();
  }

  /**
   * Plans the offsets holding records with timestamps in [{@code fromMs}, {@code toMs}].
   *
   * @param fromMs {@link Long#MIN_VALUE} for the beginning of each partition
   * @param toMs {@link Long#MAX_VALUE} for the end offsets as they are now
   * @param tolerance how far past {@code toMs} timestamps may still hide an earlier record
   * @throws BeyondRetentionException when {@code fromMs} is older than records a partition has
   *     already deleted
   */
  public List<ScanRange> plan(
      Collection<TopicPartition> partitions, long fromMs, long toMs, Duration tolerance) {
    if (fromMs > toMs) {
      throw new IllegalArgumentException(
          "the start " + TimeSpec.format(fromMs) + " is after the end " + TimeSpec.format(toMs));
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Long> starts = new HashMap<>(beginnings);
    if (fromMs != Long.MIN_VALUE) {
      checkRetention(partitions, beginnings, fromMs);
      offsetsAt(partitions, fromMs, ends).forEach(starts::put);
    }
    Map<TopicPartition, Long> stops = new HashMap<>(ends);
    long stopAt =
        toMs == Long.MAX_VALUE ? Long.MAX_VALUE : saturatedAdd(toMs, tolerance.toMillis());
    if (stopAt != Long.MAX_VALUE) {
      trusted(offsetsAt(partitions, stopAt + 1, ends), ends)
          .forEach((tp, o) -> stops.merge(tp, o, Math::min));
    }
    List<ScanRange> ranges = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      ranges.add(new ScanRange(tp, starts.get(tp), stops.get(tp)));
    }
    return ranges;
  }

  /**
   * Reads every planned range to its end (or until the sink says stop), reporting each record to
   * {@code progress}.
   *
   * @return records delivered
   */
  public long run(List<ScanRange> ranges, RecordSink sink, Progress progress) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    List<TopicPartition> assigned = new ArrayList<>();
    for (ScanRange r : ranges) {
      if (!r.isEmpty()) {
        ends.put(r.partition(), r.end());
        assigned.add(r.partition());
      }
    }
    progress.total(ranges.stream().mapToLong(ScanRange::size).sum());
    if (assigned.isEmpty()) {
      progress.finish();
      return 0;
    }
    consumer.assign(assigned);
    ranges.stream().filter(r -> !r.isEmpty()).forEach(r -> consumer.seek(r.partition(), r.start()));
    long delivered = 0;
    try {
      while (!ends.isEmpty()) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
        for (TopicPartition tp : batch.partitions()) {
          Long end = ends.get(tp);
          if (end == null) {
            continue;
          }
          for (ConsumerRecord<byte[], byte[]> record : batch.records(tp)) {
            if (record.offset() >= end) {
              break;
            }
            delivered++;
            progress.advance(1);
            if (!sink.accept(record)) {
              return delivered;
            }
          }
        }
        // The position passes transaction markers and compacted gaps that never reach the sink.
        ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        consumer.pause(assigned.stream().filter(tp -> !ends.containsKey(tp)).toList());
      }
      return delivered;
    } finally {
      progress.finish();
      consumer.unsubscribe();
    }
  }

  /**
   * A stop found by time is kept only when a data record sits there: transaction markers carry the
   * broker's clock, so in a topic written transactionally (the Streams outputs) the first marker
   * after old event times would otherwise end the range early. Where the found offset is not a
   * record this consumer returns, the partition is read to its end offset instead.
   */
  private Map<TopicPartition, Long> trusted(
      Map<TopicPartition, Long> byTime, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> out = new HashMap<>(byTime);
    List<TopicPartition> check =
        byTime.keySet().stream().filter(tp -> byTime.get(tp) < ends.get(tp)).toList();
    if (check.isEmpty()) {
      return out;
    }
    consumer.assign(check);
    check.forEach(tp -> consumer.seek(tp, byTime.get(tp)));
    List<TopicPartition> pending = new ArrayList<>(check);
    long deadline = System.nanoTime() + CHECK_WITHIN.toNanos();
    try {
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
        for (TopicPartition tp : List.copyOf(pending)) {
          List<ConsumerRecord<byte[], byte[]>> records = batch.records(tp);
          if (!records.isEmpty() || consumer.position(tp) >= ends.get(tp)) {
            if (records.isEmpty() || records.get(0).offset() != byTime.get(tp)) {
              out.put(tp, ends.get(tp));
            }
            pending.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
      }
      pending.forEach(tp -> out.put(tp, ends.get(tp)));
      return out;
    } finally {
      consumer.unsubscribe();
    }
  }

  private Map<TopicPartition, Long> offsetsAt(
      Collection<TopicPartition> partitions, long atMs, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, Math.max(0, atMs)));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp o = found.get(tp);
      // No record at or after the time: the range starts (or stops) at the end.
      out.put(tp, o == null ? ends.get(tp) : Math.min(o.offset(), ends.get(tp)));
    }
    return out;
  }

  /**
   * A partition whose log start has moved past 0 has deleted records; asking for a time before its
   * oldest remaining record would silently show an incomplete history.
   */
  private void checkRetention(
      Collection<TopicPartition> partitions, Map<TopicPartition, Long> beginnings, long fromMs) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, 0L));
    Map<TopicPartition, OffsetAndTimestamp> oldest = consumer.offsetsForTimes(query);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp o = oldest.get(tp);
      if (beginnings.get(tp) > 0 && o != null && fromMs < o.timestamp()) {
        throw new BeyondRetentionException(
            tp.topic()
                + " holds records from "
                + TimeSpec.format(o.timestamp())
                + " on (older ones were deleted by retention); the start "
                + TimeSpec.format(fromMs)
                + " is before that",
            o.timestamp());
      }
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}

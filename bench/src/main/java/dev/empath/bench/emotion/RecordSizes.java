package dev.empath.bench.emotion;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts the records a Streams application sends, and their serialized value bytes, per topic.
 * Kafka Streams serializes before it sends, so the interceptor sees the bytes that go to the
 * broker. Counts are static: Kafka instantiates the interceptor by class name.
 */
public final class RecordSizes implements ProducerInterceptor<byte[], byte[]> {

  private static final Map<String, Tally> BY_TOPIC = new ConcurrentHashMap<>();

  /** Records sent to a topic and the sum of their value sizes. */
  record Sent(long records, long valueBytes) {
    double meanValueBytes() {
      return records == 0 ? 0 : valueBytes / (double) records;
    }
  }

  private static final class Tally {
    final LongAdder records = new LongAdder();
    final LongAdder bytes = new LongAdder();
  }

  /** What was sent to the topic for which {@code topicMatches} is true, since the last reset. */
  static Sent sentTo(Predicate<String> topicMatches) {
    long records = 0;
    long bytes = 0;
    for (Map.Entry<String, Tally> e : BY_TOPIC.entrySet()) {
      if (topicMatches.test(e.getKey())) {
        records += e.getValue().records.sum();
        bytes += e.getValue().bytes.sum();
      }
    }
    return new Sent(records, bytes);
  }

  static void reset() {
    BY_TOPIC.clear();
  }

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    Tally tally = BY_TOPIC.computeIfAbsent(record.topic(), t -> new Tally());
    tally.records.increment();
    tally.bytes.add(record.value() == null ? 0 : record.value().length);
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}

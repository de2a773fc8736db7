package dev.empath.whatif.run;

import dev.empath.history.progress.Progress;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.HistoryConsumers;
import dev.empath.history.scan.ScanRange;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.NarrativePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies production records into shadow topics as they are: key, value bytes, timestamp, headers
 * and partition, so the shadow applications see what production saw, in the same order per
 * partition. Reads are bounded ({@link BoundedScan}); writes go only to names with the run's
 * prefix.
 */
final class RecordCopier implements AutoCloseable {

  /** Producers set timestamps; records this late after the range's end are still copied. */
  static final Duration TOLERANCE = Duration.ofMinutes(1);

  private final EmpathConfig config;
  private final Shadow shadow;
  private final Producer<byte[], byte[]> producer;
  private volatile Exception failure;

  RecordCopier(EmpathConfig config, Shadow shadow) {
    this.config = config;
    this.shadow = shadow;
    Properties props = KafkaClientConfigs.producer(config, shadow.prefix() + "copier");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Copies the records of {@code from}'s range whose timestamp is in [{@code fromMs}, {@code toMs}]
   * and whose value {@code keep} accepts (values the topic's serde cannot read are copied only when
   * every game is asked for: production dead-lettered them, so will the shadow).
   *
   * @return records copied
   */
  <V> long copyRange(
      TopicSpec<String, V> from,
      TopicSpec<String, V> to,
      long fromMs,
      long toMs,
      Predicate<V> keep,
      boolean keepUnreadable,
      Progress progress) {
    requireShadow(to.name());
    Function<byte[], V> decode =
        bytes -> from.valueSerde().deserializer().deserialize(from.name(), bytes);
    long[] copied = {0};
    try (Consumer<byte[], byte[]> consumer =
        HistoryConsumers.create(config, shadow.prefix() + "copy")) {
      BoundedScan scan = new BoundedScan(consumer);
      List<ScanRange> plan = scan.plan(scan.partitions(from.name()), fromMs, toMs, TOLERANCE);
      scan.run(
          plan,
          record -> {
            if (record.timestamp() >= fromMs
                && record.timestamp() <= toMs
                && accepted(record, decode, keep, keepUnreadable)) {
              send(to.name(), record);
              copied[0]++;
            }
            return true;
          },
          progress);
    }
    flush();
    return copied[0];
  }

  /** Copies a compacted topic as it is now, every record in order. */
  long copyAll(String from, String to, Progress progress) {
    requireShadow(to);
    long[] copied = {0};
    try (Consumer<byte[], byte[]> consumer =
        HistoryConsumers.create(config, shadow.prefix() + "copy")) {
      BoundedScan scan = new BoundedScan(consumer);
      scan.run(
          scan.plan(scan.partitions(from), Long.MIN_VALUE, Long.MAX_VALUE, Duration.ZERO),
          record -> {
            send(to, record);
            copied[0]++;
            return true;
          },
          progress);
    }
    flush();
    return copied[0];
  }

  /** Writes a policy keyed by its game, as {@code publish-policy} does. */
  void publish(TopicSpec<String, NarrativePolicy> topic, NarrativePolicy policy) {
    requireShadow(topic.name());
    byte[] key = topic.keySerde().serializer().serialize(topic.name(), policy.getGameId());
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), policy);
    try {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new org.apache.kafka.common.KafkaException(
          "could not publish to " + topic.name() + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.apache.kafka.common.KafkaException("interrupted", e);
    }
  }

  private static <V> boolean accepted(
      ConsumerRecord<byte[], byte[]> record,
      Function<byte[], V> decode,
      Predicate<V> keep,
      boolean keepUnreadable) {
    if (record.value() == null) {
      return keepUnreadable;
    }
    V value;
    try {
      value = decode.apply(record.value());
    } catch (RuntimeException unreadable) {
      return keepUnreadable;
    }
    return keep.test(value);
  }

  private void send(String topic, ConsumerRecord<byte[], byte[]> record) {
    producer.send(
        new ProducerRecord<>(
            topic,
            record.partition(),
            record.timestamp(),
            record.key(),
            record.value(),
            record.headers()),
        (metadata, e) -> {
          if (e != null && failure == null) {
            failure = e;
          }
        });
  }

  /** Waits for every record sent; fails if one was not written. */
  private void flush() {
    producer.flush();
    if (failure != null) {
      throw new org.apache.kafka.common.KafkaException(
          "copying into the shadow topics failed: " + failure.getMessage(), failure);
    }
  }

  /** The one guard between a what-if and a production topic. */
  private void requireShadow(String topic) {
    if (!topic.startsWith(shadow.prefix())) {
      throw new IllegalStateException("refusing to write to " + topic + ": not a shadow topic");
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}

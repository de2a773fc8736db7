package dev.empath.embedded.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one topic from its beginning, for tests: every partition assigned, no group to join, so the
 * first poll already fetches. Each read waits on the records themselves (a consumer poll blocks
 * until data arrives) and fails with what it got once the time-out passes.
 *
 * <pre>{@code
 * try (var reader = TopicReader.open(consumerProps, topic, keys, values)) {
 *   List<V> out = reader.readAtLeast(12).values();
 * }
 * }</pre>
 *
 * <p>The consumer settings are the caller's (security, isolation level); a {@code group.id} in them
 * is harmless, as nothing subscribes or commits.
 */
public final class TopicReader<K, V> implements AutoCloseable {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String topic;
  private final KafkaConsumer<K, V> consumer;
  private final List<TopicPartition> partitions;
  private final List<ConsumerRecord<K, V>> records = new ArrayList<>();
  private Duration timeout = DEFAULT_TIMEOUT;

  private TopicReader(String topic, KafkaConsumer<K, V> consumer) {
    this.topic = topic;
    this.consumer = consumer;
    this.partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    if (partitions.isEmpty()) {
      consumer.close();
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  public static <K, V> TopicReader<K, V> open(
      Properties consumerConfig, String topic, Deserializer<K> keys, Deserializer<V> values) {
    Properties props = new Properties();
    props.putAll(consumerConfig);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    return new TopicReader<>(topic, new KafkaConsumer<>(props, keys, values));
  }

  /** Keys and values as bytes, e.g. for dead letters or records that are meant not to parse. */
  public static TopicReader<byte[], byte[]> openRaw(Properties consumerConfig, String topic) {
    return open(consumerConfig, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Consumer settings that need nothing but the brokers; reads committed records only. */
  public static Properties committedOnly(String bootstrapServers) {
    Properties props = new Properties();
    props.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    return props;
  }

  /** How long each read may wait before it fails (60 s unless set). */
  public TopicReader<K, V> within(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** One poll; returns the records it brought (also kept in {@link #records()}). */
  public List<ConsumerRecord<K, V>> poll() {
    List<ConsumerRecord<K, V>> fresh = new ArrayList<>();
    consumer.poll(POLL).forEach(fresh::add);
    records.addAll(fresh);
    return fresh;
  }

  /** Reads until at least {@code count} records have been read in all. */
  public TopicReader<K, V> readAtLeast(int count) {
    return readUntil(read -> read.size() >= count, "at least " + count + " records");
  }

  /** Reads until {@code done} holds for every record read so far. */
  public TopicReader<K, V> readUntil(Predicate<? super List<ConsumerRecord<K, V>>> done) {
    return readUntil(done, "the expected records");
  }

  /**
   * Reads to the end offsets the partitions have now (under {@code read_committed}, the last stable
   * offsets): everything written before this call, and nothing to wait for after it.
   */
  public TopicReader<K, V> readToEnd() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    return readUntil(
        read -> partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp)),
        "the end offsets " + end);
  }

  /**
   * Keeps reading for {@code duration} after the expected records arrived, so that duplicates or
   * records that should not exist show up in {@link #records()}.
   */
  public TopicReader<K, V> readOn(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < until) {
      poll();
    }
    return this;
  }

  public List<ConsumerRecord<K, V>> records() {
    return Collections.unmodifiableList(records);
  }

  public List<V> values() {
    return records.stream().map(ConsumerRecord::value).toList();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  private TopicReader<K, V> readUntil(
      Predicate<? super List<ConsumerRecord<K, V>>> done, String expected) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(records())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            String.format(
                "read %d records from %s within %d s, not %s",
                records.size(), topic, timeout.toSeconds(), expected));
      }
      poll();
    }
    return this;
  }
}

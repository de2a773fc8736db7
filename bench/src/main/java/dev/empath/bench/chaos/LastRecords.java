package dev.empath.bench.chaos;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Per partition, the offset after its last committed record. On a transactional topic that is not
 * the end offset: commit markers take offsets too, and a consumer's position or the projector's
 * stored offset stops after the last record it read. Found by reading, read_committed, the tail of
 * each partition (widening the window where the tail holds only markers or aborted records).
 */
final class LastRecords implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<byte[], byte[]> consumer;

  LastRecords(EmpathConfig config) {
    Properties props = KafkaClientConfigs.consumer(config, "unused", "chaos-last-records");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Partitions without any committed record are absent. */
  Map<TopicPartition, Long> of(Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (partitions.isEmpty()) {
      return out;
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
    Set<TopicPartition> pending = new HashSet<>();
    for (TopicPartition tp : partitions) {
      if (end.get(tp) > begin.get(tp)) {
        pending.add(tp);
      }
    }
    long window = 64;
    while (!pending.isEmpty()) {
      for (TopicPartition tp : pending) {
        consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - window));
      }
      readUpTo(pending, end, out);
      Set<TopicPartition> next = new HashSet<>();
      for (TopicPartition tp : pending) {
        if (!out.containsKey(tp) && end.get(tp) - window > begin.get(tp)) {
          next.add(tp);
        }
      }
      pending = next;
      window *= 8;
    }
    return out;
  }

  private void readUpTo(
      Set<TopicPartition> pending, Map<TopicPartition, Long> end, Map<TopicPartition, Long> out) {
    List<TopicPartition> others =
        consumer.assignment().stream().filter(tp -> !pending.contains(tp)).toList();
    consumer.pause(others);
    consumer.resume(pending);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!reached(pending, end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read the tail of " + pending);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        out.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
      }
    }
  }

  private boolean reached(Set<TopicPartition> pending, Map<TopicPartition, Long> end) {
    for (TopicPartition tp : pending) {
      if (consumer.position(tp, TIMEOUT) < end.get(tp)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}

package dev.empath.bench.e2e;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.threads.DaemonThreads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the emotion topic as any downstream consumer would (read_committed, from the end): counts
 * predictions and notes when the first prediction of each probe session became readable, which
 * splits a probe's latency into the Kafka leg and the projection + HTTP leg.
 */
final class PredictionWatcher implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String probeMarker;
  private final AtomicLong predictions = new AtomicLong();
  private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param probeMarker a substring of every probe session id
   */
  PredictionWatcher(EmpathConfig config, String topic, String probeMarker) {
    this.probeMarker = probeMarker;
    Properties props = KafkaClientConfigs.consumer(config, "unused", "bench-e2e-watcher");
    // No group: every partition assigned, read from the current end.
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList());
    consumer.seekToEnd(consumer.assignment());
    consumer.assignment().forEach(consumer::position); // resolve "end" now, not at first poll
    thread = DaemonThreads.named("e2e-prediction-watcher").newThread(this::run);
    thread.start();
  }

  long predictions() {
    return predictions.get();
  }

  /** {@link System#nanoTime()} when the session's first prediction was read, or null. */
  Long firstSeenNanos(String sessionId) {
    return firstSeenNanos.get(sessionId);
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          predictions.incrementAndGet();
          if (r.key() != null) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (key.contains(probeMarker)) {
              firstSeenNanos.putIfAbsent(key, System.nanoTime());
            }
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

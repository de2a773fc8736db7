package dev.empath.cli.demo;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.threads.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts committed records per topic as they appear, for live progress: what a read_committed
 * consumer (any downstream user) would see.
 */
public final class TopicCounter implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> labelled = new ConcurrentHashMap<>();
  private final Map<String, Function<byte[], String>> labellers;
  private final Thread thread;
  private volatile boolean running = true;

  public TopicCounter(EmpathConfig config, List<String> topics) {
    this(config, topics, Map.of());
  }

  /**
   * @param labellers per topic, a function naming a record's category (e.g. a result's status);
   *     {@link #count(String, String)} then counts per category
   */
  public TopicCounter(
      EmpathConfig config, List<String> topics, Map<String, Function<byte[], String>> labellers) {
    this.labellers = Map.copyOf(labellers);
    Properties props = KafkaClientConfigs.consumer(config, "empath-demo-counter", "demo-counter");
    // No group coordination: assign every partition and read from the start.
    props.remove("group.id");
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    topics.forEach(t -> counts.put(t, new AtomicLong()));
    consumer.assign(
        topics.stream()
            .flatMap(t -> consumer.partitionsFor(t).stream())
            .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
            .toList());
    consumer.seekToBeginning(consumer.assignment());
    thread = DaemonThreads.named("demo-topic-counter").newThread(this::run);
    thread.start();
  }

  public long count(String topic) {
    AtomicLong n = counts.get(topic);
    return n == null ? 0 : n.get();
  }

  /** Records of {@code topic} its labeller put in {@code label}. */
  public long count(String topic, String label) {
    AtomicLong n = labelled.get(topic + '\u0000' + label);
    return n == null ? 0 : n.get();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
          counts.get(r.topic()).incrementAndGet();
          Function<byte[], String> labeller = labellers.get(r.topic());
          if (labeller != null) {
            String label = r.topic() + '\u0000' + labeller.apply(r.value());
            labelled.computeIfAbsent(label, k -> new AtomicLong()).incrementAndGet();
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
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }
}

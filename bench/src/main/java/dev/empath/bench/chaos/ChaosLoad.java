package dev.empath.bench.chaos;

import dev.empath.cli.demo.Playback;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.simulator.ScriptedBehavior;
import dev.empath.simulator.ScriptedInteraction;
import dev.empath.simulator.SimulatedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The simulator at a steady rate: scripted sessions (one per player) and their character
 * interactions, in event-time order with past timestamps, and one malformed record after every
 * {@code malformedEvery} valid ones. Its producer rides out a dead broker (long delivery and
 * blocking time-outs, idempotence): the load only falls behind and catches up. The checks read what
 * reached the input topics, so a record the load could not deliver would not make a check wrong.
 */
final class ChaosLoad implements AutoCloseable {

  static final String GAME = "chaos-game";

  private final TopicCatalog topics;
  private final List<SimulatedEvent> events;
  private final Malformed malformed;
  private final int rate;
  private final int malformedEvery;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong malformedSent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean stopping;

  ChaosLoad(
      EmpathConfig config,
      TopicCatalog topics,
      int players,
      int rate,
      int malformedEvery,
      Duration planned,
      long seed) {
    this.topics = topics;
    long start = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
    this.events = Playback.plan(GAME, players, planned, start, seed).events();
    this.malformed = new Malformed(topics);
    this.rate = rate;
    this.malformedEvery = malformedEvery;
    Properties props = KafkaClientConfigs.producer(config, "chaos-load");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::publish, "chaos-load");
  }

  void start() {
    thread.start();
  }

  /** Stops publishing and waits until everything sent is acknowledged. */
  void stop() throws InterruptedException {
    stopping = true;
    thread.join();
    producer.flush();
  }

  long sent() {
    return sent.get();
  }

  long malformedSent() {
    return malformedSent.get();
  }

  /** Records the broker never acknowledged (the checks do not depend on them). */
  long failed() {
    return failed.get();
  }

  boolean exhausted() {
    return !thread.isAlive() && !stopping;
  }

  private void publish() {
    long startNanos = System.nanoTime();
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    Callback callback =
        (metadata, e) -> {
          if (e != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e);
          }
        };
    int n = 0;
    for (SimulatedEvent event : events) {
      if (stopping) {
        return;
      }
      long due = startNanos + n * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait); // pacing the feed at its rate
      }
      producer.send(record(event), callback);
      sent.incrementAndGet();
      n++;
      if (n % malformedEvery == 0) {
        producer.send(malformed.record((int) malformedSent.get(), event.timestampMs()), callback);
        malformedSent.incrementAndGet();
      }
    }
  }

  private ProducerRecord<byte[], byte[]> record(SimulatedEvent event) {
    if (event instanceof ScriptedBehavior b) {
      String topic = topics.behavior().name();
      return new ProducerRecord<>(
          topic,
          null,
          b.timestampMs(),
          utf8(b.event().getSessionId()),
          topics.behavior().valueSerde().serializer().serialize(topic, b.event()));
    }
    if (!(event instanceof ScriptedInteraction i)) {
      throw new IllegalStateException("the plan holds no labels: " + event);
    }
    String topic = topics.interaction().name();
    return new ProducerRecord<>(
        topic,
        null,
        i.timestampMs(),
        utf8(i.event().getCharacterId()),
        topics.interaction().valueSerde().serializer().serialize(topic, i.event()));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}

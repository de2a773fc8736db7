package dev.empath.query.live;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.readmodel.ReadModel;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationResult;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.schemas.v1.NarrativeDecision;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one consumer behind every live stream and the game rates: it reads the emotion, narrative,
 * generation-result and dead-letter topics from their end, without a consumer group (every instance
 * sees everything, nothing is committed), and hands each record to the hub and the counters.
 * Without {@code kafka.bootstrap.servers} it does not start and the live endpoints answer 503.
 */
@Context
public final class LiveFeed {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long LAG_EVERY_MS = 1_000;
  private static final long RETRY_MS = 2_000;

  private final LiveHub hub;
  private final GameRates rates;
  private final UnifiedJedis redis;
  private final ReadModel readModel;
  private final TopicCatalog topics;
  private final Properties props;
  private final Deserializer<EmotionPrediction> emotions;
  private final Deserializer<NarrativeDecision> decisions;
  private final Deserializer<GenerationResult> results;
  private final Thread thread;
  private final AtomicLong lag = new AtomicLong(-1);
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  public LiveFeed(
      @Value("${kafka.bootstrap.servers:}") String bootstrapServers,
      @Value("${empath.topic.prefix:}") String topicPrefix,
      LiveHub hub,
      GameRates rates,
      UnifiedJedis redis,
      ReadModel readModel) {
    this.hub = hub;
    this.rates = rates;
    this.redis = redis;
    this.readModel = readModel;
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      this.topics = null;
      this.props = null;
      this.thread = null;
      this.emotions = null;
      this.decisions = null;
      this.results = null;
      log.info("kafka.bootstrap.servers unset: no live updates, no game rates");
      return;
    }
    EmpathConfig config =
        EmpathConfig.load().with(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
    // The Micronaut property when set (tests, the local stack), else the shared configuration.
    this.topics =
        TopicCatalog.withPrefix(
            topicPrefix == null || topicPrefix.isEmpty()
                ? Objects.requireNonNullElse(config.topicPrefix(), "")
                : topicPrefix);
    this.emotions = topics.emotion().valueSerde().deserializer();
    this.decisions = topics.narrative().valueSerde().deserializer();
    this.results = topics.generationResult().valueSerde().deserializer();
    this.props = KafkaClientConfigs.common(config, "empath-query-api-live");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    this.thread = new Thread(this::run, "live-feed");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether live updates flow (Kafka is configured). */
  public boolean available() {
    return thread != null;
  }

  /** Records not yet projected into Redis, or -1 while unknown. */
  public long projectionLag() {
    return lag.get();
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<byte[], byte[]> c =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer = c;
        follow(c);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("live feed stopped, restarting in {} ms: {}", RETRY_MS, e.toString());
        pause();
      }
    }
  }

  private void follow(KafkaConsumer<byte[], byte[]> c) {
    List<TopicPartition> read =
        partitions(
            c,
            List.of(
                topics.emotion().name(),
                topics.narrative().name(),
                topics.generationResult().name(),
                topics.deadLetter().name()));
    List<TopicPartition> projected =
        partitions(
            c,
            List.of(
                topics.emotion().name(),
                topics.narrative().name(),
                topics.generationResult().name(),
                topics.interaction().name()));
    if (read.isEmpty()) {
      throw new IllegalStateException("topics not created yet: " + topics.emotion().name());
    }
    c.assign(read);
    c.seekToEnd(read);
    log.info("live feed reading {} partitions from their end", read.size());
    long nextLag = 0;
    while (running) {
      for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
        dispatch(r);
      }
      long now = System.currentTimeMillis();
      if (now >= nextLag) {
        nextLag = now + LAG_EVERY_MS;
        Map<TopicPartition, Long> ends = c.endOffsets(projected);
        lag.set(ProjectionLag.records(redis, readModel, ends));
        rates.forgetSilent();
      }
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, List<String> names) {
    List<TopicPartition> out = new ArrayList<>();
    for (String name : names) {
      List<PartitionInfo> infos = c.partitionsFor(name);
      if (infos != null) {
        infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
      }
    }
    return out;
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> r) {
    String topic = r.topic();
    try {
      if (topic.equals(topics.emotion().name())) {
        EmotionPrediction p = decode(emotions, r);
        rates.count(p.getGameId(), GameRates.Kind.PREDICTION, p.getDominantEmotion());
        hub.publish(LiveMapping.emotion(p));
      } else if (topic.equals(topics.narrative().name())) {
        NarrativeDecision d = decode(decisions, r);
        rates.count(d.getGameId(), GameRates.Kind.DECISION, null);
        hub.publish(LiveMapping.decision(d));
      } else if (topic.equals(topics.generationResult().name())) {
        GenerationResult g = decode(results, r);
        boolean ok = g.getStatus() == GenerationStatus.GENERATION_STATUS_SUCCEEDED;
        rates.count(g.getGameId(), ok ? GameRates.Kind.LINE : GameRates.Kind.FAILED_LINE, null);
        hub.publish(LiveMapping.line(g), g.getGameId());
      } else {
        rates.countDeadLetter();
      }
    } catch (RuntimeException e) {
      // The pipeline's own readers dead-letter bad records; the live view just skips them.
      log.debug("live feed skips {}@{}/{}: {}", topic, r.partition(), r.offset(), e.toString());
    }
  }

  private static <T> T decode(Deserializer<T> deserializer, ConsumerRecord<byte[], byte[]> r) {
    return deserializer.deserialize(r.topic(), r.value());
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_MS); // back-off before reconnecting to Kafka
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @PreDestroy
  void close() throws InterruptedException {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      thread.join(5_000);
    }
  }
}

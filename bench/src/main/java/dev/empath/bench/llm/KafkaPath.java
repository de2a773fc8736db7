package dev.empath.bench.llm;

import dev.empath.embedded.KafkaEndpoint;
import dev.empath.llm.app.LlmWorker;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.GenerationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.RedisClient;

/**
 * The whole worker, Kafka included: requests produced to the request topic, the worker (consumer,
 * service, transactional producer) keeping {@code inFlight} requests running, results counted as
 * they become visible to a read_committed reader — what a game sees.
 */
final class KafkaPath implements AutoCloseable {

  /** Results seen, and the seconds from the first request produced until the last was visible. */
  record Outcome(long results, long offline, double seconds) {}

  private final KafkaEndpoint kafka;
  private final TopicCatalog topics;
  private final Map<String, String> config;
  private final LlmWorker worker;
  private final KafkaProducer<String, GenerationRequest> producer;
  private final KafkaConsumer<String, GenerationResult> reader;

  KafkaPath(Map<String, String> serviceConfig, RedisClient redis) {
    kafka = KafkaEndpoint.start(); // KAFKA_BOOTSTRAP_SERVERS: a broker outside this JVM
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    topics = TopicCatalog.withPrefix(prefix);
    config = new HashMap<>(serviceConfig);
    config.put(EmpathConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    config.put(EmpathConfig.TOPIC_PREFIX, prefix);
    config.put("empath.llm.group.id", prefix + "llm-worker");
    config.put("empath.llm.instance.id", "bench");
    EmpathConfig c = EmpathConfig.of(config);
    try (Admin admin = Admin.create(KafkaClientConfigs.common(c, "bench-admin"))) {
      new TopicProvisioner(admin, Optional.empty()).ensure(topics.all());
    }
    worker = LlmWorker.create(new LlmWorkerSettings(c), redis).start();
    producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(c, "bench-requests"),
            topics.generationRequest().keySerde().serializer(),
            topics.generationRequest().valueSerde().serializer());
    reader =
        new KafkaConsumer<>(
            KafkaClientConfigs.consumer(c, prefix + "reader", "bench-reader"),
            topics.generationResult().keySerde().deserializer(),
            topics.generationResult().valueSerde().deserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < topics.generationResult().partitions(); p++) {
      partitions.add(new TopicPartition(topics.generationResult().name(), p));
    }
    reader.assign(partitions);
    reader.seekToEnd(partitions);
    partitions.forEach(reader::position); // resolve the end now, before any result exists
  }

  int requestPartitions() {
    return topics.generationRequest().partitions();
  }

  /**
   * Produces {@code count} requests at once and waits until all their results are visible, or
   * {@code limit} passed.
   */
  Outcome run(long firstId, int count, Duration limit) {
    long start = System.nanoTime();
    for (long n = firstId; n < firstId + count; n++) {
      // Deadlines far away: the backlog is the load, not a reason to fail requests.
      GenerationRequest r =
          LlmWorkerBenchmark.request(n).toBuilder()
              .setDeadlineMs(System.currentTimeMillis() + 300_000)
              .build();
      producer.send(new ProducerRecord<>(topics.generationRequest().name(), r.getSessionId(), r));
    }
    producer.flush();
    long results = 0;
    long offline = 0;
    long last = start;
    long until = start + limit.toNanos();
    while (results + offline < count && System.nanoTime() < until) {
      for (ConsumerRecord<String, GenerationResult> r : reader.poll(Duration.ofMillis(50))) {
        if ("offline".equals(r.value().getProvider())) {
          offline++;
        } else {
          results++;
        }
        last = System.nanoTime();
      }
    }
    return new Outcome(results, offline, (last - start) / 1e9);
  }

  @Override
  public void close() {
    reader.close();
    producer.close();
    worker.close();
    kafka.close();
  }
}

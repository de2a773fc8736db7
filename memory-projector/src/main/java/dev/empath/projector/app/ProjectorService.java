package dev.empath.projector.app;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.deadletter.DeadLetterPublisher;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.security.AccessDenied;
import dev.empath.platform.security.AccessDeniedException;
import dev.empath.platform.security.TopicUse;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.platform.topics.TopicSettings;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.DeadLetterHistory;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.projector.decode.RejectedRecords;
import dev.empath.projector.loop.ProjectorHalted;
import dev.empath.projector.loop.ProjectorLoop;
import dev.empath.projector.loop.ProjectorStats;
import dev.empath.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/** A running live projector: its clients and the thread running its loop. */
public final class ProjectorService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProjectorService.class);

  /** The name dead letters give as the component that refused them. */
  static final String COMPONENT = "memory-projector";

  private final UnifiedJedis redis;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final ProjectorLoop loop;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private ProjectorService(
      UnifiedJedis redis,
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      ProjectorLoop loop) {
    this.redis = redis;
    this.consumer = consumer;
    this.producer = producer;
    this.loop = loop;
    this.thread = new Thread(this::runLoop, "memory-projector");
  }

  /** Provisions the topics, connects and starts projecting on a new thread. */
  public static ProjectorService start(
      EmpathConfig config, TopicCatalog catalog, ProjectorSettings settings) {
    try (Admin admin = Admin.create(KafkaClientConfigs.common(config, "memory-projector-admin"))) {
      new TopicProvisioner(admin, TopicSettings.from(config)).ensure(catalog.all());
    }
    ProjectorService service = create(config, catalog, settings);
    service.start();
    return service;
  }

  /** Connects, without provisioning topics or starting to project: see {@link #start()}. */
  public static ProjectorService create(
      EmpathConfig config, TopicCatalog catalog, ProjectorSettings settings) {
    ProjectedTopics topics = new ProjectedTopics(catalog);
    UnifiedJedis redis = RedisConnections.open(config);
    Producer<byte[], byte[]> producer = ProjectorClients.deadLetterProducer(config);
    Consumer<byte[], byte[]> consumer = ProjectorClients.groupConsumer(config, settings.groupId());
    DeadLetterPublisher publisher =
        new DeadLetterPublisher(producer, topics.deadLetterTopic(), COMPONENT);
    DeadLetterHistory history;
    try (Consumer<byte[], byte[]> reader = ProjectorClients.assignedConsumer(config)) {
      history = DeadLetterHistory.read(reader, topics.deadLetterTopic(), COMPONENT, topics.names());
    } catch (RuntimeException e) {
      producer.close();
      consumer.close();
      redis.close();
      throw AccessDenied.describe(
              e,
              new TopicUse(Set.of(topics.deadLetterTopic()), Set.of(), Optional.empty()),
              KafkaClientConfigs.common(config, COMPONENT))
          .<RuntimeException>map(line -> new AccessDeniedException(line, e))
          .orElse(e);
    }
    log.info("{} records dead-lettered before", history.size());
    ProjectorLoop loop =
        ProjectorLoop.live(
            consumer, redis, RejectedRecords.deadLetterOnce(publisher, history), topics, settings);
    return new ProjectorService(redis, consumer, producer, loop);
  }

  /** Starts projecting on the service's own thread. */
  public void start() {
    thread.start();
  }

  private void runLoop() {
    try {
      loop.run();
    } catch (ProjectorHalted e) {
      log.debug("projector halted");
    } catch (RuntimeException e) {
      if (loop.isHalted()) {
        log.debug("projector halted: {}", e.toString());
        return;
      }
      failure.set(e);
      log.error("projector stopped by an error", e);
    }
  }

  public ProjectorStats stats() {
    return loop.stats();
  }

  /**
   * Puts the consumer's Kafka metrics (lag among them) and the projector's counts in {@code
   * registry}; close what this returns when the service is closed.
   */
  public AutoCloseable bindMetrics(MeterRegistry registry) {
    KafkaClientMetrics kafka = new KafkaClientMetrics(consumer);
    kafka.bindTo(registry);
    ProjectorStats stats = loop.stats();
    counter(
        registry, "empath.projector.events", "events projected", stats, ProjectorStats::projected);
    counter(
        registry,
        "empath.projector.skipped",
        "records at or below the offset Redis already holds",
        stats,
        ProjectorStats::skipped);
    counter(
        registry,
        "empath.projector.dead.lettered",
        "records sent to the DLQ",
        stats,
        ProjectorStats::deadLettered);
    counter(
        registry,
        "empath.projector.commits",
        "atomic batch commits",
        stats,
        ProjectorStats::commits);
    counter(
        registry,
        "empath.projector.commit.failures",
        "failed commit attempts (retried, then paused)",
        stats,
        ProjectorStats::failedAttempts);
    counter(
        registry,
        "empath.projector.lost.offsets",
        "times Redis had lost the offsets and the projection was rebuilt",
        stats,
        ProjectorStats::lostOffsets);
    Gauge.builder("empath.projector.paused", stats, s -> s.paused() ? 1 : 0)
        .description("1 while consumption is paused because Redis is failing")
        .register(registry);
    return kafka;
  }

  /**
   * A counter reading {@code stats}. Micrometer holds the state object only weakly: it must be one
   * that lives as long as the service (the loop's stats), not a lambda made here, which the next
   * garbage collection would take and leave the counter frozen.
   */
  private static void counter(
      MeterRegistry registry,
      String name,
      String description,
      ProjectorStats stats,
      ToLongFunction<ProjectorStats> count) {
    FunctionCounter.builder(name, stats, s -> count.applyAsLong(s))
        .description(description)
        .register(registry);
  }

  /** True when Redis answers a {@code PING} now. */
  public boolean redisAnswers() {
    try {
      return "PONG".equals(redis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The error that stopped the loop, if one did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Blocks until the loop ends (an error, {@link #close()} or {@link #halt()}). */
  public void await() throws InterruptedException {
    thread.join();
  }

  /**
   * Kills the projector the hard way for crash tests: the Redis connections are closed under the
   * loop's feet and the loop leaves at its next step, mid-batch, without committing or closing its
   * consumer (which stays a zombie member of its group; call {@link #close()} later to free it).
   */
  public void halt() throws InterruptedException {
    loop.halt();
    redis.close();
    thread.join(Duration.ofSeconds(30).toMillis());
    if (thread.isAlive()) {
      IllegalStateException stuck = new IllegalStateException("projector thread did not halt");
      stuck.setStackTrace(thread.getStackTrace());
      throw stuck;
    }
  }

  @Override
  public void close() {
    loop.stop();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    } finally {
      try {
        producer.close(Duration.ofSeconds(5));
      } finally {
        redis.close();
      }
    }
  }
}

package dev.empath.llm.app;

import dev.empath.llm.budget.BudgetBuckets;
import dev.empath.llm.budget.BudgetLeases;
import dev.empath.llm.budget.BudgetRefunds;
import dev.empath.llm.budget.CallAdmission;
import dev.empath.llm.budget.WriteBehind;
import dev.empath.llm.cache.CacheKeyIndex;
import dev.empath.llm.cache.ResponseCache;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.llm.idempotency.AnsweredRequests;
import dev.empath.llm.memory.MemoryRanking;
import dev.empath.llm.memory.MemorySource;
import dev.empath.llm.memory.ReadModelMemorySource;
import dev.empath.llm.memory.TrackedMemories;
import dev.empath.llm.prompt.CharacterCards;
import dev.empath.llm.prompt.PromptBuilder;
import dev.empath.llm.provider.GenerationProvider;
import dev.empath.llm.provider.OfflineTemplateProvider;
import dev.empath.llm.resilience.ResilientChain;
import dev.empath.llm.routing.ProviderRouter;
import dev.empath.llm.usage.PriceTable;
import dev.empath.llm.usage.UsageLedger;
import dev.empath.llm.usage.UsageMetrics;
import dev.empath.llm.usage.UsageRecorder;
import dev.empath.llm.worker.GenerationService;
import dev.empath.llm.worker.GenerationWorker;
import dev.empath.platform.deadletter.DeadLetterPublisher;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.redis.RedisTls;
import dev.empath.platform.redis.tracking.TrackedCache;
import dev.empath.platform.threads.DaemonThreads;
import dev.empath.platform.topics.Catalogs;
import dev.empath.readmodel.ReadModel;
import dev.empath.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/** One wired worker instance: its service, Kafka loop, thread pool and HTTP client. */
public final class LlmWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LlmWorker.class);

  /** How many of a character's newest memories of a player are ranked for a prompt. */
  private static final int MEMORY_WINDOW = 50;

  private final GenerationService service;
  private final GenerationWorker worker;
  private final ExecutorService executor;
  private final Thread loop;
  private final List<KafkaClientMetrics> clientMetrics;

  private LlmWorker(
      GenerationService service,
      GenerationWorker worker,
      ExecutorService executor,
      List<KafkaClientMetrics> clientMetrics) {
    this.service = service;
    this.worker = worker;
    this.executor = executor;
    this.clientMetrics = clientMetrics;
    this.loop = new Thread(worker, "llm-worker-poll");
  }

  /**
   * The request → result service without Kafka (benchmarks, tests); meters to the global registry.
   */
  public static GenerationService service(
      LlmWorkerSettings settings,
      UnifiedJedis redis,
      ExecutorService executor,
      Function<String, String> env) {
    return service(settings, redis, executor, env, Metrics.globalRegistry);
  }

  /**
   * The request → result service without Kafka, its usage and overhead also metered in {@code
   * metrics} ({@link UsageMetrics}).
   */
  public static GenerationService service(
      LlmWorkerSettings settings,
      UnifiedJedis redis,
      ExecutorService executor,
      Function<String, String> env,
      MeterRegistry metrics) {
    return service(settings, redis, redis, executor, env, metrics);
  }

  /**
   * @param redis the worker's own keys (cache, budgets, usage, answered requests)
   * @param readModel the read model it takes memories from, maybe as another, read-only user
   */
  public static GenerationService service(
      LlmWorkerSettings settings,
      UnifiedJedis redis,
      UnifiedJedis readModel,
      ExecutorService executor,
      Function<String, String> env,
      MeterRegistry metrics) {
    // The JDK's own executor (a cached pool) completes the HTTP exchanges: a fixed pool of two
    // threads gave a worse overhead tail and less throughput in bench/llm-worker.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Map<String, GenerationProvider> providers = settings.providers(http, env);
    ProviderRouter router =
        new ProviderRouter(settings.routes(), providers, OfflineTemplateProvider.bundled());
    Clock clock = Clock.systemUTC();
    MemorySource memories =
        new ReadModelMemorySource(
            settings.memoryCacheEntries() > 0
                ? new TrackedMemories(
                    TrackedCache.connect(
                        settings.readModelRedis(),
                        RedisTls.from(settings.config()),
                        readModel,
                        settings.memoryCacheEntries()))
                : ReadModelMemorySource.uncached(ReadModel.create(readModel).characters()),
            new MemoryRanking(settings.memoryHalfLifeMs()),
            MEMORY_WINDOW,
            clock);
    ResponseCache cache = new ResponseCache(redis, settings.cacheTtl());
    Optional<CacheKeyIndex> cacheIndex = cacheIndex(settings, redis, metrics);
    cacheIndex.ifPresent(index -> cache.announceWritesTo(index::add));
    BudgetBuckets budget = new BudgetBuckets(redis, settings.budget());
    BudgetRefunds refunds = new BudgetRefunds(budget);
    BudgetLeases leases =
        new BudgetLeases(budget, refunds, settings.budgetLease()).startRenewingAhead();
    UsageLedger usage = new UsageLedger(redis);
    // Cache entries before usage in each flush: once a result's usage is visible, so is its entry.
    // The leases send the refunds' writes too, with what expired leases give back.
    WriteBehind deferred =
        new WriteBehind(redis, List.of(cache, usage, leases), settings.deferredWritesInterval());
    UsageMetrics meters = new UsageMetrics(metrics);
    GenerationService service =
        new GenerationService(
            router,
            new ResilientChain(settings.resilience(), clock),
            new PromptBuilder(
                settings.defaultMaxTokens(),
                settings.maxTokensCap(),
                settings.defaultTemperature()),
            CharacterCards.from(settings.config()),
            memories,
            new CallAdmission(redis, budget, refunds, leases, cacheIndex),
            cache,
            UsageRecorder.all(usage, meters),
            deferred,
            new PriceTable(settings.config()),
            clock,
            settings.defaultDeadline(),
            settings.memoryLimit(),
            executor,
            settings.maxInFlight());
    service.reportOverheadTo(meters::overhead);
    return service;
  }

  /** The index of the response cache's keys, with its meters; empty when configured off. */
  private static Optional<CacheKeyIndex> cacheIndex(
      LlmWorkerSettings settings, UnifiedJedis redis, MeterRegistry metrics) {
    if (settings.cacheIndexKeys() <= 0) {
      return Optional.empty();
    }
    if (RedisConnections.isCluster(redis)) {
      // Its invalidations (CLIENT TRACKING BCAST) come per node; every cache read goes to Redis.
      log.info("the response cache's key index is off on a Redis Cluster");
      return Optional.empty();
    }
    CacheKeyIndex index =
        CacheKeyIndex.start(
            settings.config().redisUrl(),
            RedisTls.from(settings.config()),
            redis,
            settings.cacheIndexKeys(),
            settings.cacheTtl());
    Gauge.builder("empath.llm.cache.index.complete", index, i -> i.complete() ? 1 : 0)
        .description("1 while the cache key index can tell that a key surely does not exist")
        .register(metrics);
    FunctionCounter.builder(
            "empath.llm.cache.index.skipped.reads", index, CacheKeyIndex::skippedReads)
        .description("cache reads in Redis saved because the key surely did not exist")
        .register(metrics);
    return Optional.of(index);
  }

  /** A full worker: consumer, transactional producer, service. Call {@link #start()}. */
  public static LlmWorker create(LlmWorkerSettings settings, UnifiedJedis redis) {
    return create(settings, redis, Metrics.globalRegistry);
  }

  /** A full worker whose usage, overhead and Kafka clients are metered in {@code metrics}. */
  public static LlmWorker create(
      LlmWorkerSettings settings, UnifiedJedis redis, MeterRegistry metrics) {
    return create(settings, redis, redis, metrics);
  }

  /** As {@link #create(LlmWorkerSettings, UnifiedJedis, MeterRegistry)}, the read model apart. */
  public static LlmWorker create(
      LlmWorkerSettings settings,
      UnifiedJedis redis,
      UnifiedJedis readModel,
      MeterRegistry metrics) {
    TopicCatalog topics = Catalogs.from(settings.config());
    ExecutorService executor = executor(settings.maxInFlight());
    GenerationService service =
        service(settings, redis, readModel, executor, System::getenv, metrics);
    String instance = settings.instanceId();
    Properties consumerProps =
        KafkaClientConfigs.consumer(
            settings.config(), settings.groupId(), "llm-worker-" + instance);
    consumerProps.putIfAbsent(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxInFlight()));
    Properties producerProps =
        KafkaClientConfigs.producer(settings.config(), "llm-worker-" + instance);
    producerProps.putIfAbsent(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.groupId() + "-" + instance);
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    GenerationWorker worker =
        new GenerationWorker(
            consumer,
            producer,
            service,
            new AnsweredRequests(redis, settings.answeredTtl()),
            new DeadLetterPublisher(producer, topics.deadLetter().name(), "llm-worker"),
            topics.generationRequest(),
            topics.generationResult(),
            settings.maxInFlight(),
            settings.commitInterval());
    // Consumer lag, fetch and produce rates, transaction times: Kafka's own client metrics.
    // Both clients share a client id: a tag keeps their app-info meters apart.
    List<KafkaClientMetrics> clientMetrics =
        List.of(
            new KafkaClientMetrics(consumer, Tags.of("client", "consumer")),
            new KafkaClientMetrics(producer, Tags.of("client", "producer")));
    clientMetrics.forEach(m -> m.bindTo(metrics));
    return new LlmWorker(service, worker, executor, clientMetrics);
  }

  public static ExecutorService executor(int threads) {
    // Small stacks: up to maxInFlight threads block on provider I/O at once.
    return Executors.newFixedThreadPool(threads, DaemonThreads.numbered("llm-call", 256 * 1024));
  }

  public LlmWorker start() {
    loop.start();
    return this;
  }

  public GenerationService service() {
    return service;
  }

  /** The error that stopped the poll loop, if one did. */
  public java.util.Optional<RuntimeException> failure() {
    return worker.failure();
  }

  /** True while the poll loop runs: it stops only when closed, halted or failed. */
  public boolean running() {
    return loop.isAlive();
  }

  /** Stops like a crash: in-flight work is neither produced nor committed. */
  public void halt() {
    worker.halt();
    executor.shutdownNow();
    service.close();
    clientMetrics.forEach(KafkaClientMetrics::close);
  }

  @Override
  public void close() {
    worker.close();
    executor.shutdownNow();
    service.close();
    clientMetrics.forEach(KafkaClientMetrics::close);
  }
}

package dev.empath.llm.app;

import dev.empath.llm.config.LlmWorkerConfigKeys;
import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.platform.app.RunningService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.app.ServiceContext;
import dev.empath.platform.app.ServiceDefinition;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.redis.RedisTls;
import dev.empath.platform.security.AccessDenied;
import dev.empath.platform.security.TopicUse;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.UnifiedJedis;

/** The LLM worker: generation requests to provider calls to exactly one result each. */
public final class LlmWorkerApp implements ServiceDefinition {

  public static void main(String[] args) {
    ServiceBootstrap.run(new LlmWorkerApp());
  }

  @Override
  public String name() {
    return "llm-worker";
  }

  @Override
  public List<TopicSpec<?, ?>> topics(TopicCatalog catalog) {
    return List.of(catalog.generationRequest(), catalog.generationResult(), catalog.deadLetter());
  }

  @Override
  public RunningService create(ServiceContext context) {
    // One instance id for the worker and for naming its transactional id in a refusal.
    EmpathConfig config = context.config();
    String instanceKey = LlmWorkerConfigKeys.INSTANCE_ID.name();
    if (config.find(instanceKey).isEmpty()) {
      config = config.with(instanceKey, UUID.randomUUID().toString());
    }
    LlmWorkerSettings settings = new LlmWorkerSettings(config);
    List<UnifiedJedis> clients = new ArrayList<>();
    try {
      UnifiedJedis redis = RedisConnections.open(config);
      clients.add(redis);
      UnifiedJedis readModel = redis;
      if (!settings.readModelRedisUrl().equals(config.redisUrl())) {
        readModel =
            RedisConnections.open(
                settings.readModelRedis(),
                RedisTls.from(config),
                RedisConnections.DEFAULT_POOL_SIZE);
        clients.add(readModel);
      }
      LlmWorker worker = LlmWorker.create(settings, redis, readModel, context.metrics());
      TopicUse use =
          new TopicUse(
              Set.of(context.topics().generationRequest().name()),
              Set.of(
                  context.topics().generationResult().name(), context.topics().deadLetter().name()),
              Optional.of(settings.groupId() + "-" + settings.instanceId()));
      return new Running(worker, clients, use, KafkaClientConfigs.common(config, name()));
    } catch (RuntimeException e) {
      clients.forEach(UnifiedJedis::close);
      throw e;
    }
  }

  /** The worker and the Redis clients it was built on, closed in that order. */
  private static final class Running implements RunningService {
    private final LlmWorker worker;
    private final List<UnifiedJedis> redis;
    private final TopicUse use;
    private final Properties client;
    private volatile boolean started;

    Running(LlmWorker worker, List<UnifiedJedis> redis, TopicUse use, Properties client) {
      this.worker = worker;
      this.redis = redis;
      this.use = use;
      this.client = client;
    }

    @Override
    public void start() {
      worker.start();
      started = true;
    }

    @Override
    public Map<String, BooleanSupplier> healthChecks() {
      return Map.of(
          "worker",
          worker::running,
          "redis",
          () -> redis.stream().allMatch(r -> "PONG".equals(r.ping())));
    }

    @Override
    public Optional<String> failure() {
      if (!started || worker.running()) {
        return Optional.empty();
      }
      return Optional.of(
          worker
              .failure()
              .flatMap(e -> AccessDenied.describe(e, use, client))
              .orElse("the worker's poll loop stopped"));
    }

    @Override
    public void close() {
      started = false;
      try {
        worker.close();
      } finally {
        redis.forEach(UnifiedJedis::close);
      }
    }
  }
}

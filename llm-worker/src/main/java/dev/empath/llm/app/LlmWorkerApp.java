package dev.empath.llm.app;

import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.platform.app.RunningService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.app.ServiceContext;
import dev.empath.platform.app.ServiceDefinition;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    UnifiedJedis redis = RedisConnections.open(context.config());
    try {
      LlmWorker worker =
          LlmWorker.create(new LlmWorkerSettings(context.config()), redis, context.metrics());
      return new Running(worker, redis);
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  /** The worker and the Redis client it was built on, closed in that order. */
  private static final class Running implements RunningService {
    private final LlmWorker worker;
    private final UnifiedJedis redis;
    private volatile boolean started;

    Running(LlmWorker worker, UnifiedJedis redis) {
      this.worker = worker;
      this.redis = redis;
    }

    @Override
    public void start() {
      worker.start();
      started = true;
    }

    @Override
    public Map<String, BooleanSupplier> healthChecks() {
      return Map.of("worker", worker::running, "redis", () -> "PONG".equals(redis.ping()));
    }

    @Override
    public Optional<String> failure() {
      return started && !worker.running()
          ? Optional.of("the worker's poll loop stopped")
          : Optional.empty();
    }

    @Override
    public void close() {
      started = false;
      try {
        worker.close();
      } finally {
        redis.close();
      }
    }
  }
}

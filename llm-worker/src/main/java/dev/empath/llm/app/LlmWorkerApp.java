package dev.empath.llm.app;

import dev.empath.llm.config.LlmWorkerSettings;
import dev.empath.platform.app.ServiceRunner;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.ops.OpsServer;
import dev.empath.platform.ops.ProcessMetrics;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.platform.topics.TopicProvisioner;
import dev.empath.schemas.topic.TopicCatalog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/** Runs the LLM worker as its own process against the Kafka and Redis in the configuration. */
public final class LlmWorkerApp {

  private static final Logger log = LoggerFactory.getLogger(LlmWorkerApp.class);

  private LlmWorkerApp() {}

  public static void main(String[] args) throws InterruptedException {
    EmpathConfig config = EmpathConfig.load();
    TopicCatalog topics = TopicCatalog.withPrefix(config.topicPrefix());
    try (Admin admin = Admin.create(KafkaClientConfigs.common(config, "llm-worker-admin"))) {
      new TopicProvisioner(admin, Optional.empty()).ensure(topics.all());
    }
    RedisClient redis = RedisConnections.open(config.redisUrl());
    PrometheusMeterRegistry metrics = ProcessMetrics.forService("llm-worker");
    LlmWorker worker = LlmWorker.create(new LlmWorkerSettings(config), redis, metrics);
    Optional<OpsServer> ops =
        OpsServer.startIfEnabled(
            config,
            metrics,
            Map.of("worker", worker::running, "redis", () -> "PONG".equals(redis.ping())));
    log.info("llm-worker consuming {}", topics.generationRequest().name());
    AutoCloseable workerThenRedis =
        () -> {
          worker.close();
          redis.close();
          ops.ifPresent(OpsServer::close);
        };
    ServiceRunner.runUntilShutdown("llm-worker", workerThenRedis, worker::start);
  }
}

package dev.empath.projector.app;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.ops.OpsServer;
import dev.empath.platform.ops.ProcessMetrics;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.schemas.topic.TopicCatalog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory projector as its own process: folds interactions, emotions, narrative decisions and
 * generation results into the Redis read models until it is stopped (SIGTERM closes it cleanly;
 * SIGKILL is safe too, since every batch is applied atomically with its offset).
 */
public final class ProjectorApp {

  private static final Logger log = LoggerFactory.getLogger(ProjectorApp.class);

  private ProjectorApp() {}

  public static void main(String[] args) throws InterruptedException {
    EmpathConfig config = EmpathConfig.load();
    ProjectorService service =
        ProjectorService.start(
            config, TopicCatalog.withPrefix(config.topicPrefix()), ProjectorSettings.from(config));
    PrometheusMeterRegistry metrics = ProcessMetrics.forService("memory-projector");
    AutoCloseable meters = service.bindMetrics(metrics);
    Optional<OpsServer> ops =
        OpsServer.startIfEnabled(
            config,
            metrics,
            Map.of("projector", service::isRunning, "redis", service::redisAnswers));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  ops.ifPresent(OpsServer::close);
                  try {
                    meters.close();
                  } catch (Exception e) {
                    log.debug("closing the consumer's metrics: {}", e.toString());
                  }
                },
                "projector-shutdown"));
    log.info(
        "memory projector running: kafka {} redis {}",
        config.kafkaBootstrapServers(),
        config.redisUrl());
    service.await();
    if (service.failure().isPresent()) {
      System.exit(1);
    }
  }
}

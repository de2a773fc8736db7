package dev.empath.platform.app;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.ops.OpsServer;
import dev.empath.platform.ops.ProcessMetrics;
import dev.empath.platform.security.AccessDenied;
import dev.empath.platform.security.AccessDeniedException;
import dev.empath.platform.security.TopicUse;
import dev.empath.platform.topics.Catalogs;
import dev.empath.platform.topics.TopicSettings;
import dev.empath.schemas.topic.TopicCatalog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every service starts, alone or inside the local stack: configuration, topic catalog,
 * provisioning, the service itself, its operations endpoint ({@code /metrics}, {@code /health} on
 * {@code empath.ops.port}) and, for a process of its own, shutdown on SIGTERM.
 */
public final class ServiceBootstrap {

  private static final Logger log = LoggerFactory.getLogger(ServiceBootstrap.class);
  private static final Duration FAILURE_CHECK = Duration.ofSeconds(1);

  private ServiceBootstrap() {}

  /**
   * Provisions the service's topics, builds and starts it with its operations endpoint; on failure
   * closes what had started and rethrows.
   */
  public static LaunchedService launch(EmpathConfig config, ServiceDefinition definition) {
    try {
      return launchOrThrow(config, definition);
    } catch (AccessDeniedException e) {
      throw e.forPrincipal(
          AccessDenied.principal(KafkaClientConfigs.common(config, definition.name())));
    } catch (RuntimeException e) {
      Optional<String> denied =
          AccessDenied.describe(
              e, TopicUse.unknown(), KafkaClientConfigs.common(config, definition.name()));
      if (denied.isPresent()) {
        throw new AccessDeniedException(denied.get(), e);
      }
      throw e;
    }
  }

  private static LaunchedService launchOrThrow(EmpathConfig config, ServiceDefinition definition) {
    TopicCatalog catalog = catalog(config);
    provision(config, definition, catalog);
    PrometheusMeterRegistry metrics = ProcessMetrics.forService(definition.name());
    RunningService service = definition.create(new ServiceContext(config, catalog, metrics));
    Optional<OpsServer> ops = Optional.empty();
    try {
      ops = OpsServer.startIfEnabled(config, metrics, service.healthChecks());
      service.start();
      log.info("{} started on {}", definition.name(), config.kafkaBootstrapServers());
      return new LaunchedService(definition.name(), service, ops);
    } catch (RuntimeException | Error e) {
      service.close();
      ops.ifPresent(OpsServer::close);
      throw e;
    }
  }

  /**
   * The main of a service's own process: reads {@link EmpathConfig#load()}, launches, and blocks
   * until SIGTERM or Ctrl-C (then closes cleanly) or until the service fails on its own (then exits
   * 1). A start that fails, mostly a configuration or environment mistake, is reported in one line
   * and exits 2.
   */
  public static void run(ServiceDefinition definition) {
    LaunchedService launched;
    try {
      launched = launch(EmpathConfig.load(), definition);
    } catch (RuntimeException e) {
      log.error("{} could not start: {}", definition.name(), e.getMessage());
      log.debug("start-up failure", e);
      System.exit(2);
      return;
    }
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  launched.close();
                  closed.countDown();
                },
                definition.name() + "-shutdown"));
    log.info("{} running", definition.name());
    try {
      while (!closed.await(FAILURE_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
        Optional<String> failure = launched.failure();
        if (failure.isPresent()) {
          log.error("{} stopped: {}", definition.name(), failure.get());
          System.exit(exitCode(failure.get()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The exit code of a service that stopped on its own: 1, for a supervisor to restart it, except
   * for a refused permission, a deployment mistake a restart does not mend, which exits 2 as a
   * start-up failure does.
   */
  static int exitCode(String failure) {
    return AccessDenied.isAccessDenied(failure) ? 2 : 1;
  }

  /** The deployment's topic catalog: see {@link Catalogs#from}. */
  public static TopicCatalog catalog(EmpathConfig config) {
    return Catalogs.from(config);
  }

  private static void provision(
      EmpathConfig config, ServiceDefinition definition, TopicCatalog catalog) {
    try (Admin admin =
        Admin.create(KafkaClientConfigs.common(config, definition.name() + "-admin"))) {
      definition.provision(admin, TopicSettings.from(config), catalog);
    }
  }
}

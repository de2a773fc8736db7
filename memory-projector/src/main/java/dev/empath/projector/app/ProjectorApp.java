package dev.empath.projector.app;

import dev.empath.platform.app.RunningService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.app.ServiceContext;
import dev.empath.platform.app.ServiceDefinition;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.security.AccessDenied;
import dev.empath.platform.security.TopicUse;
import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory projector: folds interactions, emotions, narrative decisions and generation results
 * into the Redis read models (SIGTERM closes it cleanly; SIGKILL is safe too, since every batch is
 * applied atomically with its offsets).
 */
public final class ProjectorApp implements ServiceDefinition {

  private static final Logger log = LoggerFactory.getLogger(ProjectorApp.class);

  public static void main(String[] args) {
    ServiceBootstrap.run(new ProjectorApp());
  }

  @Override
  public String name() {
    return "memory-projector";
  }

  @Override
  public List<TopicSpec<?, ?>> topics(TopicCatalog catalog) {
    return catalog.all();
  }

  @Override
  public RunningService create(ServiceContext context) {
    ProjectorService service =
        ProjectorService.create(
            context.config(), context.topics(), ProjectorSettings.from(context.config()));
    AutoCloseable meters = service.bindMetrics(context.metrics());
    TopicUse use =
        new TopicUse(
            union(
                new ProjectedTopics(context.topics()).names(),
                context.topics().deadLetter().name()),
            Set.of(context.topics().deadLetter().name()),
            Optional.empty());
    return new Running(service, meters, use, KafkaClientConfigs.common(context.config(), name()));
  }

  private static Set<String> union(Set<String> names, String more) {
    Set<String> all = new java.util.HashSet<>(names);
    all.add(more);
    return all;
  }

  /** The projector and its meters. */
  public static final class Running implements RunningService {
    private final ProjectorService service;
    private final AutoCloseable meters;
    private final TopicUse use;
    private final Properties client;

    Running(ProjectorService service, AutoCloseable meters, TopicUse use, Properties client) {
      this.service = service;
      this.meters = meters;
      this.use = use;
      this.client = client;
    }

    public ProjectorService projector() {
      return service;
    }

    @Override
    public void start() {
      service.start();
    }

    @Override
    public Map<String, BooleanSupplier> healthChecks() {
      return Map.of("projector", service::isRunning, "redis", service::redisAnswers);
    }

    @Override
    public Optional<String> failure() {
      return service
          .failure()
          .map(e -> AccessDenied.describe(e, use, client).orElse("projector stopped by " + e));
    }

    @Override
    public void close() {
      service.close();
      try {
        meters.close();
      } catch (Exception e) {
        log.debug("closing the consumer's metrics: {}", e.toString());
      }
    }
  }
}

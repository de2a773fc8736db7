package dev.empath.platform.streams;

import dev.empath.platform.app.RunningService;
import dev.empath.platform.app.ServiceContext;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.security.AccessDenied;
import dev.empath.platform.security.TopicUse;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams application as a service: exactly-once settings from {@link KafkaClientConfigs},
 * Kafka Streams' own metrics (process rates, commit latency, lag, state stores) on the service's
 * registry, and {@code /health} up while the application is running or rebalancing.
 */
public final class StreamsService implements RunningService {

  private static final Logger log = LoggerFactory.getLogger(StreamsService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String applicationId;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final AtomicReference<String> accessDenied;

  private StreamsService(
      String applicationId,
      KafkaStreams streams,
      KafkaStreamsMetrics metrics,
      AtomicReference<String> accessDenied) {
    this.applicationId = applicationId;
    this.streams = streams;
    this.metrics = metrics;
    this.accessDenied = accessDenied;
  }

  /** Builds (does not start) {@code topology} as application {@code applicationId}. */
  public static StreamsService create(
      ServiceContext context, String applicationId, Topology topology) {
    Properties props =
        KafkaClientConfigs.streams(
            context.config(), applicationId, context.topics().deadLetter().name());
    TopicUse use = TopicUse.of(topology.describe(), applicationId);
    KafkaStreams streams = new KafkaStreams(topology, props);
    AtomicReference<String> accessDenied = new AtomicReference<>();
    // A thread that dies on a bug is replaced; its transaction is aborted and the task retried.
    // A permission the cluster refuses is not a bug a new thread gets past: the application stops
    // and names the permission.
    streams.setUncaughtExceptionHandler(
        e -> {
          Optional<String> denied = AccessDenied.describe(e, use, props);
          if (denied.isPresent()) {
            accessDenied.compareAndSet(null, applicationId + ": " + denied.get());
            log.error("{}", accessDenied.get());
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          }
          log.error("{}: stream thread failed, replacing it", applicationId, e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener((now, before) -> log.info("{}: {} -> {}", applicationId, before, now));
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(context.metrics());
    return new StreamsService(applicationId, streams, metrics, accessDenied);
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void start() {
    streams.start();
  }

  @Override
  public Map<String, BooleanSupplier> healthChecks() {
    return Map.of("streams", () -> streams.state().isRunningOrRebalancing());
  }

  @Override
  public Optional<String> failure() {
    String denied = accessDenied.get();
    if (denied != null) {
      return Optional.of(denied);
    }
    return streams.state() == KafkaStreams.State.ERROR
        ? Optional.of("Kafka Streams application " + applicationId + " is in state ERROR")
        : Optional.empty();
  }

  @Override
  public void close() {
    try {
      streams.close(CLOSE_TIMEOUT);
    } finally {
      metrics.close();
    }
  }
}

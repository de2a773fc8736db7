package dev.empath.platform.streams;

import dev.empath.platform.app.RunningService;
import dev.empath.platform.app.ServiceContext;
import dev.empath.platform.kafka.KafkaClientConfigs;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

  private StreamsService(String applicationId, KafkaStreams streams, KafkaStreamsMetrics metrics) {
    this.applicationId = applicationId;
    this.streams = streams;
    this.metrics = metrics;
  }

  /** Builds (does not start) {@code topology} as application {@code applicationId}. */
  public static StreamsService create(
      ServiceContext context, String applicationId, Topology topology) {
    KafkaStreams streams =
        new KafkaStreams(
            topology,
            KafkaClientConfigs.streams(
                context.config(), applicationId, context.topics().deadLetter().name()));
    // A thread that dies on a bug is replaced; its transaction is aborted and the task retried.
    streams.setUncaughtExceptionHandler(
        e -> {
          log.error("{}: stream thread failed, replacing it", applicationId, e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener((now, before) -> log.info("{}: {} -> {}", applicationId, before, now));
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(context.metrics());
    return new StreamsService(applicationId, streams, metrics);
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

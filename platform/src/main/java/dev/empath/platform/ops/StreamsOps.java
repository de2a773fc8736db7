package dev.empath.platform.ops;

import dev.empath.platform.app.ServiceRunner;
import dev.empath.platform.config.EmpathConfig;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The operations endpoint of a Kafka Streams service: Kafka Streams' own metrics (process rates,
 * commit latency, lag, state stores) and the JVM's on {@code /metrics}; {@code /health} up while
 * the application is running or rebalancing, down before it started, after an error and once
 * closed.
 */
public final class StreamsOps implements AutoCloseable {

  private final KafkaStreamsMetrics binder;
  private final Optional<OpsServer> server;

  private StreamsOps(KafkaStreamsMetrics binder, Optional<OpsServer> server) {
    this.binder = binder;
    this.server = server;
  }

  /** Binds {@code streams}' metrics and starts the endpoint unless {@code empath.ops.port} < 0. */
  public static StreamsOps start(EmpathConfig config, String service, KafkaStreams streams) {
    PrometheusMeterRegistry registry = ProcessMetrics.forService(service);
    KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
    binder.bindTo(registry);
    return new StreamsOps(
        binder,
        OpsServer.startIfEnabled(
            config, registry, Map.of("streams", () -> streams.state().isRunningOrRebalancing())));
  }

  /**
   * Runs a Streams service as its own process, with its operations endpoint: starts {@code
   * streams}, then blocks until the JVM is asked to stop and closes {@code app}, then the endpoint.
   */
  public static void runUntilShutdown(
      EmpathConfig config, String service, KafkaStreams streams, AutoCloseable app)
      throws InterruptedException {
    StreamsOps ops = start(config, service, streams);
    AutoCloseable appThenOps =
        () -> {
          try {
            app.close();
          } finally {
            ops.close();
          }
        };
    ServiceRunner.runUntilShutdown(service, appThenOps, streams::start);
  }

  /** The endpoint, unless it is turned off. */
  public Optional<OpsServer> server() {
    return server;
  }

  @Override
  public void close() {
    server.ifPresent(OpsServer::close);
    binder.close();
  }
}

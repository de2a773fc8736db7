package dev.empath.platform.ops;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The Micrometer registry of a worker process: Prometheus format, with the JVM's own figures. */
public final class ProcessMetrics {

  private ProcessMetrics() {}

  /**
   * A registry tagging every meter with {@code service}, already holding memory, GC, thread, CPU
   * and uptime meters. The GC binder keeps a listener; it lives as long as the process.
   */
  @SuppressWarnings("resource") // JvmGcMetrics: bound for the life of the process
  public static PrometheusMeterRegistry forService(String service) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", service);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }
}

package dev.empath.bench.emotion;

import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.ThreadCpu;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs one topology over the pre-loaded input under the production Streams settings (exactly-once
 * v2) and measures it; {@code bench/whatif} measures the emotion topology beside a what-if with it.
 *
 * <p>Throughput counts input events per second the stream threads process ({@code process-total}),
 * from the moment a tenth of them are through to the last, so start-up is excluded for every
 * topology alike. Over the same window it measures CPU time per input event, of the stream threads
 * and of the whole process (the embedded broker included): time other processes take on a shared
 * machine is not counted there, so it is the steadier way to compare two builds.
 */
public final class TopologyRun {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  private final EmpathConfig config;
  private final Path stateRoot;
  private final String deadLetterTopic;
  private final BenchReport report;

  public TopologyRun(
      EmpathConfig config, Path stateRoot, String deadLetterTopic, BenchReport report) {
    this.config = config;
    this.stateRoot = stateRoot;
    this.deadLetterTopic = deadLetterTopic;
    this.report = report;
  }

  /**
   * One topology's run: input events per second, and CPU time per input event of its stream threads
   * and of the whole process, over the same window.
   */
  public record Measurement(
      double eventsPerSecond, double threadCpuMicros, double processCpuMicros) {
    static final Measurement NONE =
        new Measurement(0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Best of two runs: each figure on its own (noise hits them independently). */
    Measurement best(Measurement other) {
      return new Measurement(
          Math.max(eventsPerSecond, other.eventsPerSecond),
          Math.min(threadCpuMicros, other.threadCpuMicros),
          Math.min(processCpuMicros, other.processCpuMicros));
    }
  }

  /** {@code countRecords} adds {@link RecordSizes} to the topology's producer. */
  public Measurement measure(String name, Topology topology, int events, boolean countRecords)
      throws IOException {
    String appId = "bench-" + name + "-" + System.nanoTime();
    Properties props = streamsProps(appId);
    if (countRecords) {
      props.put(
          StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
          RecordSizes.class.getName());
    }
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.start();
      ProcessedRecords processed = new ProcessedRecords(streams);
      long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
      // The window opens once a tenth of the records are through: by then every task is running
      // (a stateful task opens its stores first), so start-up costs no topology its rate.
      long openAt = events / 10;
      long firstCount = 0;
      long firstAt = 0;
      ThreadCpu.Snapshot atOpen = null;
      long count = 0;
      while (count < events && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        count = processed.count();
        if (firstAt == 0 && count >= openAt) {
          firstAt = System.nanoTime();
          firstCount = count;
          atOpen = ThreadCpu.snapshot();
        }
      }
      if (count < events || firstAt == 0) {
        streams.close(Duration.ofSeconds(30));
        throw new IllegalStateException(
            name + ": timed out after " + count + " of " + events + " records");
      }
      long elapsed = System.nanoTime() - firstAt;
      double inputEvents = count - firstCount;
      double rate = inputEvents * 1e9 / Math.max(elapsed, 1);
      // One Streams app runs at a time, so every stream thread in this JVM is its own.
      Map<ThreadCpu.Role, Double> cpu = atOpen.perEvent(inputEvents);
      Measurement m =
          new Measurement(
              rate,
              cpu.getOrDefault(ThreadCpu.Role.STREAM_THREAD, 0.0),
              cpu.values().stream().mapToDouble(Double::doubleValue).sum());
      report.info(
          "%s: %.0f events/s (%d records in %.1f s); CPU per event: stream threads %.2f us,"
              + " process %.2f us",
          name, rate, count, elapsed / 1e9, m.threadCpuMicros(), m.processCpuMicros());
      report.info("  %s CPU per event by thread (us): %s", name, ThreadCpu.describe(cpu));
      streams.close(Duration.ofSeconds(30));
      return m;
    }
  }

  private Properties streamsProps(String appId) throws IOException {
    Properties props = KafkaClientConfigs.streams(config, appId, deadLetterTopic);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(stateRoot, appId).toString());
    // Experiments: -Dbench.streams.<config>=<value> applies to every topology alike.
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("bench.streams."))
        .forEach(k -> props.put(k.substring("bench.streams.".length()), System.getProperty(k)));
    return props;
  }

  /**
   * Records a Streams application's threads have processed ({@code process-total}). {@link
   * KafkaStreams#metrics()} collects every metric of the application, and doing that every few
   * milliseconds charged the stateful topologies (more metrics) CPU they do not spend; so the
   * counters are looked up once a second and read directly in between.
   */
  private static final class ProcessedRecords {
    private static final long LOOK_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final KafkaStreams streams;
    private List<Metric> counters = List.of();
    private long lookedUpAt;

    ProcessedRecords(KafkaStreams streams) {
      this.streams = streams;
    }

    long count() {
      long now = System.nanoTime();
      if (counters.isEmpty() || now - lookedUpAt > LOOK_UP_NANOS) {
        counters = lookUp();
        lookedUpAt = now;
      }
      long total = 0;
      for (Metric counter : counters) {
        total += (long) ((Number) counter.metricValue()).doubleValue();
      }
      return total;
    }

    private List<Metric> lookUp() {
      return streams.metrics().entrySet().stream()
          .filter(m -> isProcessTotal(m.getKey()))
          .<Metric>map(Map.Entry::getValue)
          .toList();
    }

    private static boolean isProcessTotal(MetricName name) {
      return name.group().equals("stream-thread-metrics") && name.name().equals("process-total");
    }
  }
}

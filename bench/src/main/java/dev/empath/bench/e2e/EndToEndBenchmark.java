package dev.empath.bench.e2e;

import dev.empath.bench.harness.BenchArgs;
import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.JitWarmUp;
import dev.empath.bench.harness.LatencyRecorder;
import dev.empath.cli.stack.LocalStack;
import dev.empath.cli.stack.StackOptions;
import dev.empath.emotion.config.EmotionSettings;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.threads.DaemonThreads;
import dev.empath.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The whole pipeline in one process ({@link LocalStack}: KRaft broker, Redis, stream-emotion,
 * stream-narrative, llm-worker, memory-projector, query-api), driven by simulated sessions at one
 * steady rate. After a warm-up of at most a minute at that rate, probes (first events of fresh
 * sessions) measure the time from {@code send} to the prediction being readable over HTTP, while
 * the step's lag shows whether the pipeline kept up with the rate (see {@link StepResult}).
 *
 * <p>Options: see {@link E2eOptions}. Load generator and pollers run in the stack's JVM.
 */
public final class EndToEndBenchmark {

  private static final String API_KEY = "bench-e2e-key";
  private static final String GAME = "bench-e2e";
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

  /** Warm-up rounds end once one spent less than this share of its time in the JIT compilers. */
  private static final double WARM_UP_QUIET_SHARE = 0.05;

  private final LocalStack stack;
  private final E2eOptions options;
  private final BenchReport report;
  private final TopicCatalog topics;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private EndToEndBenchmark(LocalStack stack, E2eOptions options, BenchReport report) {
    this.stack = stack;
    this.options = options;
    this.report = report;
    this.topics = stack.topics();
  }

  public static void main(String[] args) throws Exception {
    // Before any logger exists: the services' INFO logs would drown the figures on the console.
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    E2eOptions options = BenchArgs.parse(new E2eOptions(), args);
    if (options.problem() != null) {
      System.err.println(options.problem());
      System.exit(2);
    }
    BenchReport report = BenchReport.stdout();
    report.info(
        "end-to-end: %d cores, max heap %d MiB, Java %s; %d events/s, warm-up up to %d s, then"
            + " %d s measured",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.version(),
        options.rate,
        options.warmUpSeconds,
        options.seconds);
    report.info(
        "one JVM: broker, Redis (own process), every service, the load generator and the HTTP"
            + " pollers share the machine's cores");
    report.info("load average at start: %s", loadAverage());
    Path dataDir = Files.createTempDirectory("bench-e2e");
    long t0 = System.nanoTime();
    try (LocalStack stack =
        LocalStack.start(new StackOptions(0, 0, 0, API_KEY, Set.of(), dataDir, true))) {
      if (!stack.awaitRunning(Duration.ofSeconds(120))) {
        throw new IllegalStateException("the stack's Streams apps did not reach RUNNING");
      }
      report.info(
          "stack up in %d ms: kafka %s, api %s",
          (System.nanoTime() - t0) / 1_000_000, stack.kafkaBootstrapServers(), stack.apiUrl());
      new EndToEndBenchmark(stack, options, report).run();
      report.info("load average at end: %s", loadAverage());
    } finally {
      deleteRecursively(dataDir);
    }
  }

  private void run() throws Exception {
    EmpathConfig config = stack.config();
    String emotionGroup = EmotionSettings.from(config).applicationId();
    ExecutorService loadThread = Executors.newSingleThreadExecutor(DaemonThreads.named("e2e-load"));
    try (PredictionWatcher predictions =
            new PredictionWatcher(config, topics.emotion().name(), LatencyProbes.MARKER);
        Admin admin = Admin.create(KafkaClientConfigs.common(config, "bench-e2e-admin"));
        Producer<byte[], byte[]> producer =
            new KafkaProducer<>(
                loadProducerConfig(config), new ByteArraySerializer(), new ByteArraySerializer())) {
      GroupLag lag =
          new GroupLag(
              admin, emotionGroup, topics.behavior().name(), topics.behavior().partitions());
      StepRunner steps =
          new StepRunner(
              stack,
              GAME,
              lag,
              new PacedSender(producer, topics.behavior().name()),
              predictions,
              loadThread,
              options.probeInterval(),
              report);
      report.info(
          "a step keeps up when the generator holds its rate, the lag of %s on %s is at most"
              + " one second of input (smallest sample of the step's last 2 s) and at most %d"
              + " records within %d ms after it, and predictions come out",
          emotionGroup,
          topics.behavior().name(),
          StepResult.CAUGHT_UP_LAG,
          StepResult.DRAIN_ALLOWANCE_MS);
      if (options.warmUpSeconds > 0) {
        warmUp(steps, producer, predictions);
      }
      steps.awaitLag(StepResult.CAUGHT_UP_LAG, RECOVERY_TIMEOUT);

      int rate = options.rate;
      String label = "r" + rate;
      long compiledBefore = JitWarmUp.compiledMillis();
      StepResult result;
      LatencyProbes.Outcome latency;
      try (LatencyProbes probes = probes(producer, predictions, label)) {
        result = steps.run(rate, options.window(), probes, label);
        latency = probes.await(options.window());
      }
      report.info("%s", result.describe());
      ProbeReport.describe(report, rate, latency, options);
      report.info(
          "  JIT compilation during the latency window: %d ms",
          JitWarmUp.compiledMillis() - compiledBefore);

      LatencyRecorder recorder = latency.latency();
      report.metric("e2e_kept_up_at_" + rate, result.keptUp() ? 1 : 0, "boolean");
      report.metric("e2e_probes_at_" + rate, latency.sent(), "probes");
      report.metric("e2e_probe_timeouts_at_" + rate, latency.timedOut(), "probes");
      if (latency.answered() == 0) {
        // Percentiles of nothing would print as 0 ms: a figure that looks better than any other.
        report.info("no probe was answered: no latency figure at %d/s", rate);
        return;
      }
      report.metric("e2e_p50_at_" + rate, round1(recorder.percentileMillis(50)), "ms");
      report.metric("e2e_p99_at_" + rate, round1(recorder.percentileMillis(99)), "ms");
    } finally {
      loadThread.shutdownNow();
    }
  }

  /**
   * Rounds at the measured rate, probes included, until the JIT compilers are quiet or the warm-up
   * limit (a minute by default: the bar holds from the first minute after start) has passed. JIT,
   * RocksDB and first-fetch costs land here, not on the measured step.
   */
  private void warmUp(
      StepRunner steps, Producer<byte[], byte[]> producer, PredictionWatcher predictions)
      throws Exception {
    int rate = options.rate;
    JitWarmUp.Outcome warm =
        JitWarmUp.untilQuiet(
            WARM_UP_QUIET_SHARE,
            options.warmUpLimit(),
            round -> {
              String label = "warm-up-" + round;
              long compiledBefore = JitWarmUp.compiledMillis();
              try (LatencyProbes probes = probes(producer, predictions, label)) {
                StepResult step = steps.run(rate, options.warmUpRound(), probes, label);
                LatencyRecorder latency = probes.await(options.warmUpRound()).latency();
                report.info(
                    "warm-up round %d: probes p50 %.0f / p99 %.0f ms, JIT %d ms, %s",
                    round,
                    latency.percentileMillis(50),
                    latency.percentileMillis(99),
                    JitWarmUp.compiledMillis() - compiledBefore,
                    step.keptUp() ? "kept up" : "fell behind");
              } catch (InterruptedException e) {
                throw e;
              } catch (Exception e) {
                throw new IllegalStateException("warm-up round failed", e);
              }
            });
    report.info(
        "warm-up in rounds of %d s at %d/s: %s", options.warmUpRoundSeconds, rate, warm.describe());
  }

  private LatencyProbes probes(
      Producer<byte[], byte[]> producer, PredictionWatcher watcher, String label) {
    return new LatencyProbes(
        http,
        producer,
        watcher,
        topics.behavior(),
        stack.apiUrl(),
        API_KEY,
        GAME,
        label,
        options.pollInterval(),
        options.probeTimeout());
  }

  /** The platform's producer settings, as a game's Java client would use them; printed. */
  private Properties loadProducerConfig(EmpathConfig config) {
    Properties props = KafkaClientConfigs.producer(config, "bench-e2e-load");
    report.info(
        "load generator: one producer (acks=%s, idempotence=%s, linger.ms=%s, compression=%s),"
            + " records built and serialised before each step, async sends paced by event time",
        props.get(ProducerConfig.ACKS_CONFIG),
        props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG),
        props.get(ProducerConfig.LINGER_MS_CONFIG),
        props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
    return props;
  }

  /** The machine is shared: how busy it was belongs next to the figures. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getClass().getSimpleName() + ")";
    }
  }

  private static double round1(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}

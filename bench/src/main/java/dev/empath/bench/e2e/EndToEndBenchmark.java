package dev.empath.bench.e2e;

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
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The whole pipeline in one process ({@link LocalStack}: KRaft broker, Redis, stream-emotion,
 * stream-narrative, llm-worker, memory-projector, query-api), driven by simulated sessions:
 *
 * <ol>
 *   <li>a ramp of behaviour rates, then one step halfway between the last rate kept up and the
 *       first that was not; a step "kept up" when the emotion app's consumer lag (end offsets minus
 *       its committed offsets) is within a second of input at the end of the step (see {@link
 *       StepResult}), drains to near zero within seconds after it, and predictions keep coming out;
 *   <li>at the latency rate, probes (first events of fresh sessions) measure the time from {@code
 *       send} to the prediction being readable over HTTP.
 * </ol>
 *
 * <p>Usage: see {@link E2eOptions#USAGE}. Load generator and pollers run in the stack's JVM.
 */
public final class EndToEndBenchmark {

  private static final String API_KEY = "bench-e2e-key";
  private static final String GAME = "bench-e2e";
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
  private static final Duration TAIL = Duration.ofSeconds(2);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

  /** Warm-up rounds end once one spent less than this share of its time in the JIT compilers. */
  private static final double WARM_UP_QUIET_SHARE = 0.05;

  private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(240);

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
    E2eOptions options = E2eOptions.parse(args);
    BenchReport report = BenchReport.stdout();
    report.info(
        "end-to-end: %d cores, max heap %d MiB, Java %s; rates %s, %d s per step, latency at %d/s"
            + " for %d s",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.version(),
        options.rates(),
        options.step().toSeconds(),
        options.latencyRate(),
        options.latencyWindow().toSeconds());
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
      Steps steps =
          new Steps(
              lag, new PacedSender(producer, topics.behavior().name()), predictions, loadThread);

      report.info(
          "a step keeps up when the generator holds its rate, the lag of %s on %s is at most"
              + " one second of input (smallest sample of the step's last 2 s) and at most %d records within %d ms"
              + " after it, and predictions come out",
          emotionGroup,
          topics.behavior().name(),
          StepResult.CAUGHT_UP_LAG,
          StepResult.DRAIN_ALLOWANCE_MS);
      warmUp(steps, producer, predictions);
      steps.awaitLag(StepResult.CAUGHT_UP_LAG, RECOVERY_TIMEOUT);

      int keptUp = 0;
      int firstFailed = 0;
      LatencyProbes.Outcome latency = null;
      for (int rate : options.rates()) {
        boolean latencyStep = rate == options.latencyRate();
        if (firstFailed > 0 && !latencyStep) {
          report.info("step %d/s skipped: the ramp ended at %d/s", rate, firstFailed);
          continue;
        }
        if (firstFailed > 0) {
          // A failed step left a backlog; latency is measured from a recovered pipeline.
          steps.awaitLag(StepResult.CAUGHT_UP_LAG, RECOVERY_TIMEOUT);
        }
        StepResult result;
        if (latencyStep) {
          long compiledBefore = JitWarmUp.compiledMillis();
          try (LatencyProbes probes = probes(producer, predictions, "r" + rate)) {
            result = steps.run(rate, options.durationOf(rate), probes, "r" + rate);
            latency = probes.await(options.durationOf(rate));
          }
          reportProbes(rate, latency);
          report.info(
              "  JIT compilation during the latency window: %d ms",
              JitWarmUp.compiledMillis() - compiledBefore);
        } else {
          result = steps.run(rate, options.durationOf(rate), null, "r" + rate);
        }
        report.info("%s", result.describe());
        if (firstFailed > 0) {
          continue;
        }
        if (result.keptUp()) {
          keptUp = rate;
        } else {
          firstFailed = rate;
        }
      }
      keptUp = refine(steps, keptUp, firstFailed);
      if (firstFailed == 0) {
        report.info(
            "every step kept up: the pipeline's ceiling is at least %d events/s (try higher"
                + " rates=...)",
            keptUp);
      }

      report.metric("e2e_events_per_s", keptUp, "events/s");
      if (latency != null) {
        LatencyRecorder recorder = latency.latency();
        int rate = options.latencyRate();
        report.metric("e2e_probes_at_" + rate, latency.sent(), "probes");
        report.metric("e2e_probe_timeouts_at_" + rate, latency.timedOut(), "probes");
        report.metric("e2e_p50_at_" + rate, round1(recorder.percentileMillis(50)), "ms");
        report.metric("e2e_p99_at_" + rate, round1(recorder.percentileMillis(99)), "ms");
      }
    } finally {
      loadThread.shutdownNow();
    }
  }

  /**
   * Steps at the latency rate, probes included, until the JIT compilers are quiet. JIT, RocksDB and
   * first-fetch costs land here, not on the measured steps: a stack that runs for hours is measured
   * as it runs after its first minutes. Without this, C2 still used ~60% of a core during the
   * latency window, and the first requests through the API and the pollers were answered 0.3–0.6 s
   * later than the rest.
   */
  private void warmUp(Steps steps, Producer<byte[], byte[]> producer, PredictionWatcher predictions)
      throws Exception {
    int rate = options.latencyRate();
    JitWarmUp.Outcome warm =
        JitWarmUp.untilQuiet(
            WARM_UP_QUIET_SHARE,
            WARM_UP_LIMIT,
            round -> {
              String label = "warm-up-" + round;
              long compiledBefore = JitWarmUp.compiledMillis();
              try (LatencyProbes probes = probes(producer, predictions, label)) {
                StepResult step = steps.run(rate, options.step(), probes, label);
                LatencyRecorder latency = probes.await(options.step()).latency();
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
        "warm-up in rounds of %d s at %d/s: %s", options.step().toSeconds(), rate, warm.describe());
  }

  /**
   * One more step halfway between the highest rate kept up and the first that was not, for a figure
   * finer than the ramp's steps (rounded to 500 events/s).
   */
  private int refine(Steps steps, int keptUp, int firstFailed) throws Exception {
    int mid = (keptUp + firstFailed) / 2 / 500 * 500;
    if (keptUp == 0 || mid <= keptUp || mid >= firstFailed) {
      return keptUp;
    }
    steps.awaitLag(StepResult.CAUGHT_UP_LAG, RECOVERY_TIMEOUT);
    StepResult result = steps.run(mid, options.step(), null, "refine-" + mid);
    report.info("refine: %s", result.describe());
    return result.keptUp() ? mid : keptUp;
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

  private void reportProbes(int rate, LatencyProbes.Outcome o) {
    LatencyRecorder r = o.latency();
    report.info(
        "latency at %d/s: %d probes, %d answered, %d timed out (> %d s), %d failed, %d non-404"
            + " error answers; ms p50 %.1f p90 %.1f p99 %.1f max %.1f (poll every %d ms)",
        rate,
        o.sent(),
        o.answered(),
        o.timedOut(),
        options.probeTimeout().toSeconds(),
        o.failed(),
        o.rejected(),
        r.percentileMillis(50),
        r.percentileMillis(90),
        r.percentileMillis(99),
        r.maxMillis(),
        options.pollInterval().toMillis());
    LatencyRecorder k = o.kafkaLeg();
    LatencyRecorder p = o.projectionLeg();
    report.info(
        "  legs: produce -> prediction readable on the emotion topic (read_committed) ms p50 %.1f"
            + " p99 %.1f max %.1f (%d probes); then -> readable over HTTP (projection, Redis,"
            + " API, poll gap) ms p50 %.1f p99 %.1f max %.1f",
        k.percentileMillis(50),
        k.percentileMillis(99),
        k.maxMillis(),
        k.count(),
        p.percentileMillis(50),
        p.percentileMillis(99),
        p.maxMillis());
  }

  /** Runs one step: builds its load, sends it paced, watches the lag while and after. */
  private final class Steps {
    private final GroupLag lag;
    private final PacedSender sender;
    private final PredictionWatcher predictions;
    private final ExecutorService loadThread;

    Steps(
        GroupLag lag,
        PacedSender sender,
        PredictionWatcher predictions,
        ExecutorService loadThread) {
      this.lag = lag;
      this.sender = sender;
      this.predictions = predictions;
      this.loadThread = loadThread;
    }

    /** {@code label} prefixes the step's session ids, so each step plays fresh sessions. */
    StepResult run(int rate, Duration duration, LatencyProbes probes, String label)
        throws Exception {
      long buildStart = System.nanoTime();
      // Lead time to build the plan (10-25 µs an event on a busy machine); events are stamped
      // for when they will be sent, so event time and send time agree as for a live game.
      long startMs = System.currentTimeMillis() + 500 + (long) (rate * duration.toSeconds() * 0.03);
      LoadPlan plan =
          LoadPlan.generate(topics.behavior(), GAME, label, rate, duration, startMs, rate);
      report.info(
          "%s at %d/s: %d events from %d sessions built in %d ms",
          label, rate, plan.size(), plan.sessions(), (System.nanoTime() - buildStart) / 1_000_000);

      long predictionsBefore = predictions.predictions();
      long projectedBefore = stack.projector().stats().projected();
      if (probes != null) {
        // Probes start a second into the step and stop a second before it ends: steady load.
        long delay = Math.max(0, startMs - System.currentTimeMillis()) + 1_000;
        probes.schedule(
            Duration.ofMillis(delay), options.probeInterval(), duration.minusSeconds(2));
      }
      CompletableFuture<PacedSender.Sent> sending =
          CompletableFuture.supplyAsync(() -> sender.send(plan), loadThread);
      // Lag is sampled a few times a second; one sample can catch a commit about to happen, so
      // the verdict uses the smallest lag of the step's last seconds: a backlog that really grew
      // is high in every sample.
      Deque<long[]> samples = new ArrayDeque<>();
      while (!sending.isDone()) {
        samples.add(new long[] {System.nanoTime(), lag.lag()});
        try {
          sending.get(SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillSending) {
          // sample again
        }
      }
      PacedSender.Sent sent = sending.get();
      long end = System.nanoTime();
      samples.add(new long[] {end, lag.lag()});
      long maxLag = samples.stream().mapToLong(x -> x[1]).max().orElse(0);
      long tailLag =
          samples.stream()
              .filter(x -> end - x[0] <= TAIL.toNanos())
              .mapToLong(x -> x[1])
              .min()
              .orElse(0);
      long drainMs =
          awaitLag(StepResult.CAUGHT_UP_LAG, Duration.ofMillis(StepResult.DRAIN_ALLOWANCE_MS));
      return new StepResult(
          rate,
          sent,
          maxLag,
          tailLag,
          drainMs,
          predictions.predictions() - predictionsBefore,
          stack.projector().stats().projected() - projectedBefore,
          sent.elapsedNanos() / 1e9);
    }

    /** Milliseconds until the lag was at most {@code limit}, or -1 if it was not within time. */
    long awaitLag(long limit, Duration timeout) throws InterruptedException {
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (lag.lag() <= limit) {
          return (System.nanoTime() - start) / 1_000_000;
        }
        // Watching broker state at a fixed cadence; no condition to wait on here.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      return -1;
    }
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

package dev.empath.bench.e2e;

import dev.empath.bench.harness.BenchReport;
import dev.empath.cli.stack.LocalStack;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one step: builds its load, sends it paced, watches the emotion app's lag while and after.
 */
final class StepRunner {

  private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
  private static final Duration TAIL = Duration.ofSeconds(2);

  private final LocalStack stack;
  private final TopicSpec<String, PlayerBehaviorData> behavior;
  private final String game;
  private final GroupLag lag;
  private final PacedSender sender;
  private final PredictionWatcher predictions;
  private final ExecutorService loadThread;
  private final Duration probeInterval;
  private final BenchReport report;

  StepRunner(
      LocalStack stack,
      String game,
      GroupLag lag,
      PacedSender sender,
      PredictionWatcher predictions,
      ExecutorService loadThread,
      Duration probeInterval,
      BenchReport report) {
    this.stack = stack;
    this.behavior = stack.topics().behavior();
    this.game = game;
    this.lag = lag;
    this.sender = sender;
    this.predictions = predictions;
    this.loadThread = loadThread;
    this.probeInterval = probeInterval;
    this.report = report;
  }

  /** {@code label} prefixes the step's session ids, so each step plays fresh sessions. */
  StepResult run(int rate, Duration duration, LatencyProbes probes, String label) throws Exception {
    long buildStart = System.nanoTime();
    // Lead time to build the plan (microseconds an event); events are stamped
    // for when they will be sent, so event time and send time agree as for a live game.
    long startMs = System.currentTimeMillis() + 500 + (long) (rate * duration.toSeconds() * 0.03);
    LoadPlan plan = LoadPlan.generate(behavior, game, label, rate, duration, startMs, rate);
    report.info(
        "%s at %d/s: %d events from %d sessions built in %d ms",
        label, rate, plan.size(), plan.sessions(), (System.nanoTime() - buildStart) / 1_000_000);

    long predictionsBefore = predictions.predictions();
    long projectedBefore = stack.projector().stats().projected();
    if (probes != null) {
      // Probes start a second into the step and stop a second before it ends: steady load.
      long delay = Math.max(0, startMs - System.currentTimeMillis()) + 1_000;
      probes.schedule(Duration.ofMillis(delay), probeInterval, duration.minusSeconds(2));
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

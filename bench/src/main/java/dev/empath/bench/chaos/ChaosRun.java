package dev.empath.bench.chaos;

import dev.empath.bench.harness.BenchReport;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.redis.RedisConnections;
import dev.empath.schemas.topic.TopicCatalog;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.RedisClient;

/**
 * The fault harness: starts the stack, starts the load, and for each round lets the load run, notes
 * how far every input has got, kills one component with SIGKILL, starts it again and waits until
 * every stage has caught up with what the input held at the kill. Then it stops the load, waits
 * until everything is caught up and quiet, and runs the {@link FinalChecks}.
 *
 * <p>A component that ends by itself (a service giving up while the broker or Redis is away exits
 * 1, as a supervisor expects) is started again, as its supervisor would, and reported.
 */
public final class ChaosRun {

  private final ChaosOptions options;
  private final BenchReport report;

  public ChaosRun(ChaosOptions options, BenchReport report) {
    this.options = options;
    this.report = report;
  }

  /** Runs the rounds and the checks in {@code dir}; everything it started is stopped after. */
  public ChaosResult run(Path dir) throws Exception {
    options.validate();
    List<String> unplanned = new ArrayList<>();
    try (ChaosStack stack = new ChaosStack(dir, options.partitions)) {
      long startNanos = System.nanoTime();
      Map<String, Duration> started = stack.start();
      report.info(
          "load average %.1f; stack up in %.1f s (%s), logs in %s",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          seconds(Duration.ofNanos(System.nanoTime() - startNanos)),
          describe(started),
          dir.resolve("logs"));
      TopicCatalog topics = ServiceBootstrap.catalog(stack.config());
      Duration planned = Duration.ofSeconds(options.rounds * 20L + 120);
      try (RedisClient redis = RedisConnections.open(stack.config().redisUrl(), 4);
          Progress progress = new Progress(stack.config(), topics, redis);
          ChaosLoad load =
              new ChaosLoad(
                  stack.config(),
                  topics,
                  options.players,
                  options.rate,
                  options.malformedEvery,
                  planned,
                  options.seed)) {
        load.start();
        pause(options.intervalMs);
        Duration warm =
            awaitCaughtUp(stack, progress, targets(stack, progress, unplanned), unplanned);
        report.info("pipeline flowing: caught up with its input in %.1f s", seconds(warm));
        List<ChaosResult.Round> rounds = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(options.seed);
        for (int n = 1; n <= options.rounds; n++) {
          String target =
              options.order.equals("cycle")
                  ? options.targets.get((n - 1) % options.targets.size())
                  : options.targets.get(random.nextInt(options.targets.size()));
          rounds.add(round(n, stack.component(target), stack, progress, unplanned));
          if (load.exhausted()) {
            report.info("the load's plan ran out after round %d", n);
          }
          pause(options.intervalMs);
        }
        load.stop();
        Duration quiet = awaitQuiet(stack, progress, unplanned);
        report.info(
            "load stopped after %d records (%d malformed, %d undelivered); caught up and quiet in"
                + " %.1f s",
            load.sent(), load.malformedSent(), load.failed(), seconds(quiet));
        FinalChecks checks =
            new FinalChecks(stack.config(), topics, redis, dir.resolve("clean-run"));
        Verdict verdict = checks.run();
        report.info(
            "checks: %s; load average %.1f",
            String.join(", ", checks.timings()),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return new ChaosResult(
            rounds, List.copyOf(unplanned), load.sent(), load.malformedSent(), verdict);
      }
    }
  }

  private ChaosResult.Round round(
      int n, Component target, ChaosStack stack, Progress progress, List<String> unplanned)
      throws Exception {
    Map<TopicPartition, Long> before = targets(stack, progress, unplanned);
    long pid = target.pid();
    long killedAt = System.nanoTime();
    target.kill();
    Duration restart = target.start();
    Duration caughtUp = awaitCaughtUp(stack, progress, before, unplanned);
    Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
    report.info(
        "round %d/%d: killed %s (pid %d); restarted in %.1f s, every stage caught up with the"
            + " input at the kill %.1f s after it",
        n, options.rounds, target.name(), pid, seconds(restart), seconds(recovery));
    Objects.requireNonNull(caughtUp);
    return new ChaosResult.Round(n, target.name(), pid, restart, recovery);
  }

  /** The input's positions, retried while the broker is still coming back. */
  private Map<TopicPartition, Long> targets(
      ChaosStack stack, Progress progress, List<String> unplanned) throws Exception {
    long deadline = System.nanoTime() + timeout().toNanos();
    while (true) {
      supervise(stack, unplanned);
      try {
        return progress.targets();
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        pause(500);
      }
    }
  }

  private Duration awaitCaughtUp(
      ChaosStack stack,
      Progress progress,
      Map<TopicPartition, Long> targets,
      List<String> unplanned)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout().toNanos();
    Map<String, String> behind = Map.of();
    while (System.nanoTime() < deadline) {
      supervise(stack, unplanned);
      try {
        behind = progress.behind(targets);
        if (behind.isEmpty()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (Exception e) {
        behind = Map.of("progress", "not readable yet: " + e.getMessage());
      }
      pause(200); // polling other processes' progress
    }
    throw new IllegalStateException(
        "not caught up within " + timeout().toSeconds() + " s: " + behind);
  }

  /** Caught up with the input, and the input no longer grows (downstream stages settled too). */
  private Duration awaitQuiet(ChaosStack stack, Progress progress, List<String> unplanned)
      throws Exception {
    long start = System.nanoTime();
    Map<TopicPartition, Long> last = Map.of();
    while (true) {
      Map<TopicPartition, Long> now = targets(stack, progress, unplanned);
      awaitCaughtUp(stack, progress, now, unplanned);
      if (now.equals(last)) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      last = now;
      pause(500);
    }
  }

  /** Starts again whatever ended without being killed, as a supervisor would. */
  private void supervise(ChaosStack stack, List<String> unplanned) throws Exception {
    for (Component c : stack.components()) {
      if (!c.isAlive()) {
        String why =
            c instanceof JvmComponent jvm && jvm.exitValue().isPresent()
                ? c.name() + " exited with status " + jvm.exitValue().get()
                : c.name() + " stopped";
        report.info("%s; starting it again", why);
        if (c instanceof JvmComponent jvm) {
          List<String> tail = jvm.tail();
          tail.subList(Math.max(0, tail.size() - 5), tail.size())
              .forEach(line -> report.info("  %s", line));
        }
        unplanned.add(why);
        c.start();
      }
    }
  }

  private Duration timeout() {
    return Duration.ofSeconds(options.recoveryTimeoutSeconds);
  }

  private static void pause(long millis) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(millis); // the load runs meanwhile: time between kills
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String describe(Map<String, Duration> started) {
    List<String> parts = new ArrayList<>();
    started.forEach((name, d) -> parts.add(String.format("%s %.1f s", name, seconds(d))));
    return String.join(", ", parts);
  }
}

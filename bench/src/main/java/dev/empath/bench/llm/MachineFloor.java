package dev.empath.bench.llm;

import dev.empath.bench.harness.LatencyRecorder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * What this machine charges for the two steps every request of any worker design takes besides the
 * provider call: waking a parked thread to run it, and one Redis round trip. Measured with nothing
 * of the worker around them, at the load of the overhead phase: {@code concurrency} requests in
 * flight, each first waiting {@code waitNanos} as if on a provider, so threads park and wake as
 * they do in the worker. The worker's own overhead cannot be lower than these.
 */
final class MachineFloor {

  /** The two latencies measured; one sample per request. */
  record Figures(LatencyRecorder handoff, LatencyRecorder redisRoundTrip) {}

  private MachineFloor() {}

  static Figures measure(
      RedisClient redis, ExecutorService threads, int concurrency, long waitNanos, int seconds)
      throws InterruptedException {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      // Unrecorded first, as the worker's phase is: the heavier phase before must not count here.
      once(redis, threads, timer, concurrency, waitNanos, Math.max(3, seconds / 3));
      return once(redis, threads, timer, concurrency, waitNanos, seconds);
    } finally {
      timer.shutdownNow();
    }
  }

  private static Figures once(
      RedisClient redis,
      ExecutorService threads,
      ScheduledExecutorService timer,
      int concurrency,
      long waitNanos,
      int seconds)
      throws InterruptedException {
    Figures figures = new Figures(new LatencyRecorder(), new LatencyRecorder());
    ClosedLoad.run(
        concurrency,
        seconds,
        n -> {
          CompletableFuture<Boolean> done = new CompletableFuture<>();
          timer.schedule(
              () -> {
                long handedOff = System.nanoTime();
                threads.execute(
                    () -> {
                      long started = System.nanoTime();
                      figures.handoff().recordNanos(started - handedOff);
                      redis.ping();
                      figures.redisRoundTrip().recordNanos(System.nanoTime() - started);
                      done.complete(true);
                    });
              },
              waitNanos,
              TimeUnit.NANOSECONDS);
          return done;
        },
        null,
        0,
        false);
    return figures;
  }
}

package dev.empath.bench.query;

import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The load side of the query-api benchmark, run in its own JVM (started by {@link
 * QueryApiBenchmark}) so it is not the server's process: closed-loop saturation of the emotion and
 * the constant endpoint, interleaved, then an open-loop run of the emotion endpoint at half of its
 * saturation rate with latency measured from each request's scheduled time (no coordinated
 * omission).
 *
 * <p>Arguments: host port apiKey game sessions seconds connections
 */
public final class LoadGenerator {

  private final BenchReport report = BenchReport.stdout();
  private final String host;
  private final int port;
  private final String apiKey;
  private final IntFunction<String> emotionPath;
  private final long seconds;
  private final int connections;

  private LoadGenerator(String[] args) {
    this.host = args[0];
    this.port = Integer.parseInt(args[1]);
    this.apiKey = args[2];
    String game = args[3];
    int sessions = Integer.parseInt(args[4]);
    this.emotionPath = i -> "/v1/games/" + game + "/sessions/s" + (i % sessions) + "/emotion";
    this.seconds = Long.parseLong(args[5]);
    this.connections = Integer.parseInt(args[6]);
  }

  public static void main(String[] args) throws Exception {
    new LoadGenerator(args).run();
  }

  private void run() throws Exception {
    IntFunction<String> constant = i -> "/v1/bench/constant";
    report.info(
        "load generator pid %d: %d connections", ProcessHandle.current().pid(), connections);
    report.info("warming up %d s per endpoint", seconds);
    saturate(constant, seconds);
    saturate(emotionPath, seconds);

    // Interleaved rounds so drift on a shared machine hits both sides alike.
    Result constantBest = null;
    Result emotionBest = null;
    for (int round = 1; round <= 2; round++) {
      Result c = saturate(constant, seconds);
      Result e = saturate(emotionPath, seconds);
      report.info("round %d: constant %.0f req/s, emotion %.0f req/s", round, c.rate(), e.rate());
      constantBest = best(constantBest, c);
      emotionBest = best(emotionBest, e);
    }
    report.metric("constant_saturation_rate", constantBest.rate(), "req/s");
    report.latencies("constant_saturation", constantBest.latency());
    report.metric("emotion_saturation_rate", emotionBest.rate(), "req/s");
    report.latencies("emotion_saturation", emotionBest.latency());
    report.ratio("emotion_vs_constant", emotionBest.rate(), constantBest.rate());

    double half = emotionBest.rate() / 2;
    report.info("open loop at %.0f req/s (half of emotion saturation) for %d s", half, 2 * seconds);
    Result paced = paced(emotionPath, half, 2 * seconds);
    report.metric("emotion_half_load_rate", paced.rate(), "req/s");
    report.metric("emotion_half_load_p50", paced.latency().percentileMillis(50), "ms");
    report.metric("emotion_p99_half_load", paced.latency().percentileMillis(99), "ms");
    report.metric("emotion_half_load_errors", paced.errors(), "count");
    report.metric("saturation_errors", constantBest.errors() + emotionBest.errors(), "count");
  }

  private static Result best(Result a, Result b) {
    return a == null || b.rate() > a.rate() ? b : a;
  }

  /** Closed loop: each connection sends its next request when the previous answer is in. */
  private Result saturate(IntFunction<String> paths, long durationSeconds) throws Exception {
    LatencyRecorder latency = new LatencyRecorder();
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
    long start = System.nanoTime();
    runWorkers(
        w -> {
          try (HttpConnection conn = new HttpConnection(host, port, apiKey)) {
            int i = w * 7919;
            while (System.nanoTime() < end) {
              long t0 = System.nanoTime();
              int status = conn.get(paths.apply(i++));
              latency.recordNanos(System.nanoTime() - t0);
              (status == 200 ? ok : errors).incrementAndGet();
            }
          }
        });
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(ok.get() / elapsed, latency, errors.get());
  }

  /**
   * Open loop: requests are due on a fixed schedule spread over the connections; latency counts
   * from when a request was due, so a stalled server shows up as latency, not as fewer requests.
   */
  private Result paced(IntFunction<String> paths, double rate, long durationSeconds)
      throws Exception {
    LatencyRecorder latency = new LatencyRecorder();
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long intervalPerConnection = (long) (1e9 * connections / rate);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long end = start + TimeUnit.SECONDS.toNanos(durationSeconds);
    runWorkers(
        w -> {
          try (HttpConnection conn = new HttpConnection(host, port, apiKey)) {
            long due = start + w * intervalPerConnection / connections;
            int i = w * 7919;
            while (due < end) {
              long wait = due - System.nanoTime();
              if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
              }
              int status = conn.get(paths.apply(i++));
              latency.recordNanos(System.nanoTime() - due);
              (status == 200 ? ok : errors).incrementAndGet();
              due += intervalPerConnection;
            }
          }
        });
    double elapsed = (end - start) / 1e9;
    return new Result(ok.get() / elapsed, latency, errors.get());
  }

  private interface Worker {
    void run(int index) throws Exception;
  }

  private void runWorkers(Worker worker) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int w = 0; w < connections; w++) {
      int index = w;
      Thread t =
          new Thread(
              () -> {
                try {
                  worker.run(index);
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              },
              "load-" + w);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("load worker failed", failures.get(0));
    }
  }

  private record Result(double rate, LatencyRecorder latency, long errors) {}
}

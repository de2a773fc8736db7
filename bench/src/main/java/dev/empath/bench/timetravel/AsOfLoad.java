package dev.empath.bench.timetravel;

import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.harness.LatencyRecorder;
import dev.empath.bench.query.HttpConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The load side of {@link AsOfBench}, in its own JVM: closed-loop saturation of the plain and the
 * {@code asOf} narrative endpoint, interleaved, then each open-loop at half of its own saturation
 * rate, latency counted from each request's due time (as bench/query-api's load generator).
 *
 * <p>Arguments: host port apiKey game sessions seconds connections asOfMs
 */
public final class AsOfLoad {

  private final BenchReport report = BenchReport.stdout();
  private final String host;
  private final int port;
  private final String apiKey;
  private final IntFunction<String> latest;
  private final IntFunction<String> asOf;
  private final long seconds;
  private final int connections;

  private AsOfLoad(String[] args) {
    this.host = args[0];
    this.port = Integer.parseInt(args[1]);
    this.apiKey = args[2];
    String game = args[3];
    int sessions = Integer.parseInt(args[4]);
    this.seconds = Long.parseLong(args[5]);
    this.connections = Integer.parseInt(args[6]);
    long asOfMs = Long.parseLong(args[7]);
    this.latest = i -> "/v1/games/" + game + "/sessions/s" + (i % sessions) + "/narrative";
    // Moments spread over the kept history, so the lookups land all over each sorted set.
    this.asOf = i -> latest.apply(i) + "?asOf=" + (asOfMs - (i % 100) * 1_000L);
  }

  public static void main(String[] args) throws Exception {
    new AsOfLoad(args).run();
  }

  private void run() throws Exception {
    saturate(latest, seconds);
    saturate(asOf, seconds);
    Result latestBest = null;
    Result asOfBest = null;
    for (int round = 1; round <= 2; round++) {
      Result l = saturate(latest, seconds);
      Result a = saturate(asOf, seconds);
      report.info("round %d: latest %.0f req/s, asOf %.0f req/s", round, l.rate(), a.rate());
      latestBest = best(latestBest, l);
      asOfBest = best(asOfBest, a);
    }
    report.metric("latest_saturation_rate", latestBest.rate(), "req/s");
    report.metric("asof_saturation_rate", asOfBest.rate(), "req/s");
    report.ratio("asof_vs_latest_throughput", asOfBest.rate(), latestBest.rate());
    Result latestPaced = paced(latest, latestBest.rate() / 2, 2 * seconds);
    Result asOfPaced = paced(asOf, asOfBest.rate() / 2, 2 * seconds);
    report.metric("latest_half_load_rate", latestPaced.rate(), "req/s");
    report.metric("asof_half_load_rate", asOfPaced.rate(), "req/s");
    report.metric("latest_p99_ms", latestPaced.latency().percentileMillis(99), "ms");
    report.metric("asof_p99_ms", asOfPaced.latency().percentileMillis(99), "ms");
    report.metric(
        "asof_errors",
        latestBest.errors() + asOfBest.errors() + latestPaced.errors() + asOfPaced.errors(),
        "count");
  }

  private static Result best(Result a, Result b) {
    return a == null || b.rate() > a.rate() ? b : a;
  }

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
    return new Result(ok.get() / ((end - start) / 1e9), latency, errors.get());
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

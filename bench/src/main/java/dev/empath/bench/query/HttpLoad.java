package dev.empath.bench.query;

import dev.empath.bench.harness.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * HTTP load over keep-alive connections, one thread each: closed-loop saturation and an open-loop
 * schedule. Paths come from a function of the request's index, so each connection walks its own
 * spread of keys.
 */
public final class HttpLoad {

  private final String host;
  private final int port;
  private final String apiKey;
  private final int connections;

  public HttpLoad(String host, int port, String apiKey, int connections) {
    this.host = host;
    this.port = port;
    this.apiKey = apiKey;
    this.connections = connections;
  }

  public int connections() {
    return connections;
  }

  /** Closed loop: each connection sends its next request when the previous answer is in. */
  public Result saturate(IntFunction<String> paths, long durationSeconds) throws Exception {
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
  public Result paced(IntFunction<String> paths, double rate, long durationSeconds)
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

  /** Answers per second with status 200, their latencies, and the other answers. */
  public record Result(double rate, LatencyRecorder latency, long errors) {

    /** The better of two rounds: the higher rate. */
    public static Result best(Result a, Result b) {
      return a == null || b.rate() > a.rate() ? b : a;
    }
  }
}

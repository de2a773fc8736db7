package dev.empath.bench.timetravel;

import dev.empath.bench.harness.BenchReport;
import dev.empath.bench.query.HttpLoad;
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
  private final HttpLoad load;
  private final IntFunction<String> latest;
  private final IntFunction<String> asOf;
  private final long seconds;

  private AsOfLoad(String[] args) {
    String game = args[3];
    int sessions = Integer.parseInt(args[4]);
    this.seconds = Long.parseLong(args[5]);
    this.load =
        new HttpLoad(args[0], Integer.parseInt(args[1]), args[2], Integer.parseInt(args[6]));
    long asOfMs = Long.parseLong(args[7]);
    this.latest = i -> "/v1/games/" + game + "/sessions/s" + (i % sessions) + "/narrative";
    // Moments spread over the kept history, so the lookups land all over each sorted set.
    this.asOf = i -> latest.apply(i) + "?asOf=" + (asOfMs - (i % 100) * 1_000L);
  }

  public static void main(String[] args) throws Exception {
    new AsOfLoad(args).run();
  }

  private void run() throws Exception {
    load.saturate(latest, seconds);
    load.saturate(asOf, seconds);
    HttpLoad.Result latestBest = null;
    HttpLoad.Result asOfBest = null;
    for (int round = 1; round <= 2; round++) {
      HttpLoad.Result l = load.saturate(latest, seconds);
      HttpLoad.Result a = load.saturate(asOf, seconds);
      report.info("round %d: latest %.0f req/s, asOf %.0f req/s", round, l.rate(), a.rate());
      latestBest = HttpLoad.Result.best(latestBest, l);
      asOfBest = HttpLoad.Result.best(asOfBest, a);
    }
    report.metric("latest_saturation_rate", latestBest.rate(), "req/s");
    report.metric("asof_saturation_rate", asOfBest.rate(), "req/s");
    report.ratio("asof_vs_latest_throughput", asOfBest.rate(), latestBest.rate());
    HttpLoad.Result latestPaced = load.paced(latest, latestBest.rate() / 2, 2 * seconds);
    HttpLoad.Result asOfPaced = load.paced(asOf, asOfBest.rate() / 2, 2 * seconds);
    report.metric("latest_half_load_rate", latestPaced.rate(), "req/s");
    report.metric("asof_half_load_rate", asOfPaced.rate(), "req/s");
    report.metric("latest_p99_ms", latestPaced.latency().percentileMillis(99), "ms");
    report.metric("asof_p99_ms", asOfPaced.latency().percentileMillis(99), "ms");
    report.metric(
        "asof_errors",
        latestBest.errors() + asOfBest.errors() + latestPaced.errors() + asOfPaced.errors(),
        "count");
  }
}

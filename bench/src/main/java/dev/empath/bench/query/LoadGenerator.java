package dev.empath.bench.query;

import dev.empath.bench.harness.BenchReport;
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
  private final HttpLoad load;
  private final IntFunction<String> emotionPath;
  private final IntFunction<String> sessionsPath;
  private final long seconds;

  private LoadGenerator(String[] args) {
    String game = args[3];
    int sessions = Integer.parseInt(args[4]);
    this.emotionPath = i -> "/v1/games/" + game + "/sessions/s" + (i % sessions) + "/emotion";
    // The dashboard's list: a first page, every fourth request filtered by dominant emotion.
    this.sessionsPath =
        i ->
            "/v1/games/"
                + game
                + (i % 4 == 0 ? "/sessions?limit=50&emotion=excitement" : "/sessions?limit=50");
    this.seconds = Long.parseLong(args[5]);
    this.load =
        new HttpLoad(args[0], Integer.parseInt(args[1]), args[2], Integer.parseInt(args[6]));
  }

  public static void main(String[] args) throws Exception {
    new LoadGenerator(args).run();
  }

  private void run() throws Exception {
    IntFunction<String> constant = i -> "/v1/bench/constant";
    report.info(
        "load generator pid %d: %d connections", ProcessHandle.current().pid(), load.connections());
    report.info("warming up %d s per endpoint", seconds);
    load.saturate(constant, seconds);
    load.saturate(emotionPath, seconds);

    // Interleaved rounds so drift on a shared machine hits both sides alike.
    HttpLoad.Result constantBest = null;
    HttpLoad.Result emotionBest = null;
    for (int round = 1; round <= 2; round++) {
      HttpLoad.Result c = load.saturate(constant, seconds);
      HttpLoad.Result e = load.saturate(emotionPath, seconds);
      report.info("round %d: constant %.0f req/s, emotion %.0f req/s", round, c.rate(), e.rate());
      constantBest = HttpLoad.Result.best(constantBest, c);
      emotionBest = HttpLoad.Result.best(emotionBest, e);
    }
    report.metric("constant_saturation_rate", constantBest.rate(), "req/s");
    report.latencies("constant_saturation", constantBest.latency());
    report.metric("emotion_saturation_rate", emotionBest.rate(), "req/s");
    report.latencies("emotion_saturation", emotionBest.latency());
    report.ratio("emotion_vs_constant", emotionBest.rate(), constantBest.rate());

    double half = emotionBest.rate() / 2;
    report.info("open loop at %.0f req/s (half of emotion saturation) for %d s", half, 2 * seconds);
    HttpLoad.Result paced = load.paced(emotionPath, half, 2 * seconds);
    report.metric("emotion_half_load_rate", paced.rate(), "req/s");
    report.metric("emotion_half_load_p50", paced.latency().percentileMillis(50), "ms");
    report.metric("emotion_p99_half_load", paced.latency().percentileMillis(99), "ms");
    report.metric("emotion_half_load_errors", paced.errors(), "count");
    report.metric("saturation_errors", constantBest.errors() + emotionBest.errors(), "count");
    sessionList(emotionBest);
  }

  /** The session list (a page of 50 read from the game's index) beside the emotion endpoint. */
  private void sessionList(HttpLoad.Result emotionBest) throws Exception {
    load.saturate(sessionsPath, seconds);
    HttpLoad.Result best = null;
    for (int round = 1; round <= 2; round++) {
      best = HttpLoad.Result.best(best, load.saturate(sessionsPath, seconds));
    }
    report.metric("sessions_list_saturation_rps", best.rate(), "req/s");
    report.ratio("sessions_list_vs_emotion", best.rate(), emotionBest.rate());
    HttpLoad.Result paced = load.paced(sessionsPath, best.rate() / 2, 2 * seconds);
    report.metric("sessions_list_half_load_rate", paced.rate(), "req/s");
    report.metric("sessions_list_p99_ms", paced.latency().percentileMillis(99), "ms");
    report.metric("sessions_list_errors", best.errors() + paced.errors(), "count");
  }
}

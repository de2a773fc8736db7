package dev.empath.query.usage;

import dev.empath.readmodel.usage.UsageTotals;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** LLM usage of a game: totals and per provider/model route. */
@Serdeable
public record UsageView(String gameId, Figures total, List<Route> routes) {

  /**
   * Counters of one scope.
   *
   * @param averageLatencyMs latency per request, 0 without requests
   */
  @Serdeable
  public record Figures(
      long requests,
      long succeeded,
      long failed,
      long cached,
      long tokensIn,
      long tokensOut,
      long latencyMsTotal,
      double averageLatencyMs,
      double costUsd) {

    static Figures of(UsageTotals.Figures f) {
      return new Figures(
          f.requests(),
          f.succeeded(),
          f.failed(),
          f.cached(),
          f.tokensIn(),
          f.tokensOut(),
          f.latencyMsTotal(),
          f.requests() == 0 ? 0 : (double) f.latencyMsTotal() / f.requests(),
          f.costUsd());
    }
  }

  /** Counters of one provider/model route. */
  @Serdeable
  public record Route(String provider, String model, Figures figures) {}

  public static UsageView of(UsageTotals totals) {
    return new UsageView(
        totals.gameId(),
        Figures.of(totals.total()),
        totals.routes().stream()
            .map(r -> new Route(r.provider(), r.model(), Figures.of(r.figures())))
            .toList());
  }
}

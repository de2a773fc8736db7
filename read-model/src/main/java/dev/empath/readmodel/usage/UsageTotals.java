package dev.empath.readmodel.usage;

import java.util.List;

/** LLM usage of a game: totals and per provider/model route. */
public record UsageTotals(String gameId, Figures total, List<RouteFigures> routes) {

  public UsageTotals {
    routes = List.copyOf(routes);
  }

  /** Counters of one scope. */
  public record Figures(
      long requests,
      long succeeded,
      long failed,
      long cached,
      long tokensIn,
      long tokensOut,
      long latencyMsTotal,
      double costUsd) {

    public static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Counters of one provider/model route. */
  public record RouteFigures(String provider, String model, Figures figures) {}
}

package dev.empath.readmodel.usage;

import dev.empath.readmodel.keys.ActiveVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.UnifiedJedis;

/** Reads a game's LLM usage counters. */
public final class UsageReader {

  private final UnifiedJedis redis;
  private final ActiveVersion versions;

  public UsageReader(UnifiedJedis redis, ActiveVersion versions) {
    this.redis = redis;
    this.versions = versions;
  }

  /** Usage of {@code game}; all zero when nothing was recorded. */
  public UsageTotals usage(String game) {
    return parse(game, redis.hgetAll(versions.current().usage(game)));
  }

  static UsageTotals parse(String game, Map<String, String> hash) {
    Map<String, Map<String, String>> byRoute = new TreeMap<>();
    Map<String, String> totals = new TreeMap<>();
    hash.forEach(
        (field, value) -> {
          if (field.startsWith(UsageCounters.ROUTE_PREFIX)) {
            int end = field.lastIndexOf(':');
            String route = field.substring(UsageCounters.ROUTE_PREFIX.length(), end);
            byRoute
                .computeIfAbsent(route, r -> new TreeMap<>())
                .put(field.substring(end + 1), value);
          } else {
            totals.put(field, value);
          }
        });
    List<UsageTotals.RouteFigures> routes = new ArrayList<>();
    byRoute.forEach(
        (route, fields) -> {
          int bar = route.indexOf('|');
          routes.add(
              new UsageTotals.RouteFigures(
                  route.substring(0, bar), route.substring(bar + 1), figures(fields)));
        });
    return new UsageTotals(game, figures(totals), routes);
  }

  private static UsageTotals.Figures figures(Map<String, String> f) {
    return new UsageTotals.Figures(
        num(f, UsageCounters.REQUESTS),
        num(f, UsageCounters.SUCCEEDED),
        num(f, UsageCounters.FAILED),
        num(f, UsageCounters.CACHED),
        num(f, UsageCounters.TOKENS_IN),
        num(f, UsageCounters.TOKENS_OUT),
        num(f, UsageCounters.LATENCY_MS),
        num(f, UsageCounters.COST_MICRO_USD) / 1_000_000.0);
  }

  private static long num(Map<String, String> f, String name) {
    String v = f.get(name);
    return v == null ? 0 : Long.parseLong(v);
  }
}

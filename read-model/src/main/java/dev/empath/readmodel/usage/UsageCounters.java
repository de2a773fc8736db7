package dev.empath.readmodel.usage;

import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.write.WriteOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes usage counters of a game: one hash, totals plus per provider/model route. The projector
 * folds them from generation results (so they are rebuilt with the rest); the same operations can
 * be applied by any writer through {@link dev.empath.readmodel.write.WriteOps}.
 */
public final class UsageCounters {

  static final String REQUESTS = "requests";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String CACHED = "cached";
  static final String TOKENS_IN = "tokens_in";
  static final String TOKENS_OUT = "tokens_out";
  static final String LATENCY_MS = "latency_ms";
  static final String COST_MICRO_USD = "cost_micro_usd";
  static final String ROUTE_PREFIX = "route:";

  private UsageCounters() {}

  /** The increments {@code delta} makes in {@code keys}. */
  public static List<WriteOp> increments(Keyspace keys, UsageDelta delta) {
    String key = keys.usage(delta.gameId());
    List<WriteOp> ops = new ArrayList<>(16);
    addAll(ops, key, "", delta);
    addAll(ops, key, routeField(delta.provider(), delta.model()), delta);
    return ops;
  }

  static String routeField(String provider, String model) {
    // '|' separates provider and model; ':' ends the route so field names stay parseable.
    return ROUTE_PREFIX + provider.replace('|', '_') + "|" + model.replace('|', '_') + ":";
  }

  private static void addAll(List<WriteOp> ops, String key, String prefix, UsageDelta d) {
    ops.add(new WriteOp.Increment(key, prefix + REQUESTS, 1));
    ops.add(new WriteOp.Increment(key, prefix + (d.succeeded() ? SUCCEEDED : FAILED), 1));
    if (d.cached()) {
      ops.add(new WriteOp.Increment(key, prefix + CACHED, 1));
    }
    ops.add(new WriteOp.Increment(key, prefix + TOKENS_IN, d.tokensIn()));
    ops.add(new WriteOp.Increment(key, prefix + TOKENS_OUT, d.tokensOut()));
    ops.add(new WriteOp.Increment(key, prefix + LATENCY_MS, d.latencyMs()));
    ops.add(new WriteOp.Increment(key, prefix + COST_MICRO_USD, d.costMicroUsd()));
  }
}

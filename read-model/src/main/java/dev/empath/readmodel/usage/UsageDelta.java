package dev.empath.readmodel.usage;

/**
 * What one answered generation request adds to a game's usage.
 *
 * @param costMicroUsd cost in millionths of a US dollar (integers keep counters exact)
 */
public record UsageDelta(
    String gameId,
    String provider,
    String model,
    boolean succeeded,
    boolean cached,
    long tokensIn,
    long tokensOut,
    long latencyMs,
    long costMicroUsd) {

  public static long toMicroUsd(double usd) {
    return Math.round(usd * 1_000_000);
  }
}

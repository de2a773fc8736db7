package dev.empath.bench.e2e;

import java.util.Locale;

/**
 * One step of paced load. The pipeline kept up when the generator hit its rate, the emotion app's
 * lag in the last two seconds of the step came down to at most a second of input at least once, the
 * lag drained to near zero shortly after, and predictions came out during the step.
 */
record StepResult(
    int targetRate,
    PacedSender.Sent sent,
    long maxLag,
    long tailLag,
    long drainMs,
    long predictions,
    long projected,
    double seconds) {

  /** Lag the stream counts as "caught up": input stopped, so only in-flight records remain. */
  static final long CAUGHT_UP_LAG = 100;

  private static final String KEPT_UP = "kept up";

  /** How long after the step the lag may take to come back to near zero. */
  static final long DRAIN_ALLOWANCE_MS = 5_000;

  boolean generatorKeptPace() {
    return sent.ratePerSecond() >= 0.95 * targetRate && sent.failed() == 0;
  }

  boolean keptUp() {
    return KEPT_UP.equals(verdict());
  }

  /** "kept up", or why not. */
  String verdict() {
    if (!generatorKeptPace()) {
      return "NOT JUDGED: the generator could not keep its pace";
    }
    if (tailLag > targetRate) {
      return "FELL BEHIND: lag in the last 2 s of the step stayed above one second of input";
    }
    if (drainMs < 0) {
      return "FELL BEHIND: lag did not drain within " + DRAIN_ALLOWANCE_MS + " ms";
    }
    return predictions > 0 ? KEPT_UP : "FELL BEHIND: no predictions came out";
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "step %d/s: sent %d in %.1f s (%.0f/s, start delay %d ms, max behind %d ms, failed %d) |"
            + " emotion lag max %d, min of the last 2 s %d, drained %s | predictions %d (%.0f/s) |"
            + " projected %d (%.0f/s) | %s",
        targetRate,
        sent.records(),
        sent.elapsedNanos() / 1e9,
        sent.ratePerSecond(),
        sent.startDelayMs(),
        sent.maxBehindMs(),
        sent.failed(),
        maxLag,
        tailLag,
        drainMs < 0 ? "no (still lagging)" : "in " + drainMs + " ms",
        predictions,
        predictions / seconds,
        projected,
        projected / seconds,
        verdict());
  }
}

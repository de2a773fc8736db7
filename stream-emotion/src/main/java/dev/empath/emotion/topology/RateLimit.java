package dev.empath.emotion.topology;

import java.time.Duration;

/**
 * At most one prediction per session per interval of event time, plus one immediately whenever the
 * dominant emotion differs from the last one emitted. Judged on the session's event-time clock, so
 * the rate does not depend on how fast records are replayed.
 */
public final class RateLimit {

  private RateLimit() {}

  public static boolean shouldEmit(
      SessionState before, long clockMs, String dominant, Duration interval) {
    if (before.lastEmittedMs() < 0) {
      return true;
    }
    if (!dominant.equals(before.lastDominant())) {
      return true;
    }
    return clockMs - before.lastEmittedMs() >= interval.toMillis();
  }
}

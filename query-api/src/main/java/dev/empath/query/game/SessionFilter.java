package dev.empath.query.game;

import dev.empath.query.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Which sessions a list keeps: active within a window, with a dominant emotion and pacing phase,
 * and that emotion held for at least a duration ("frustrated for more than 2 minutes").
 */
record SessionFilter(
    long activeWithinMs, @Nullable String emotion, @Nullable String phase, long minDominantMs) {

  static final long MAX_WINDOW_MS = Duration.ofDays(30).toMillis();

  static SessionFilter parse(
      @Nullable String activeWithin,
      @Nullable String emotion,
      @Nullable String phase,
      @Nullable String dominantFor) {
    return new SessionFilter(
        duration("activeWithin", activeWithin, 0),
        word("emotion", emotion),
        word("phase", phase),
        duration("dominantFor", dominantFor, 0));
  }

  boolean keeps(SessionRow row, long nowMs) {
    if (emotion != null && !emotion.equals(row.dominantEmotion())) {
      return false;
    }
    if (phase != null && !phase.equals(row.phase())) {
      return false;
    }
    return minDominantMs <= 0
        || (row.dominantEmotion() != null && nowMs - row.dominantSinceMs() >= minDominantMs);
  }

  /** Milliseconds, or an ISO-8601 duration ({@code PT2M}), or a number with s, m or h. */
  static long duration(String name, @Nullable String value, long absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    long ms;
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        ms = Duration.parse(v.toUpperCase(Locale.ROOT)).toMillis();
      } else if (v.endsWith("ms")) {
        ms = Long.parseLong(v.substring(0, v.length() - 2));
      } else if (v.endsWith("s") || v.endsWith("m") || v.endsWith("h")) {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        char unit = v.charAt(v.length() - 1);
        ms = n * (unit == 's' ? 1_000L : unit == 'm' ? 60_000L : 3_600_000L);
      } else {
        ms = Long.parseLong(v);
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw ProblemException.badRequest(
          name + " must be a duration: milliseconds, 90s, 2m, 1h or PT2M");
    }
    if (ms < 0 || ms > MAX_WINDOW_MS) {
      throw ProblemException.badRequest(name + " must be between 0 and 30 days");
    }
    return ms;
  }

  private static String word(String name, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > 64 || !value.matches("[A-Za-z_-]+")) {
      throw ProblemException.badRequest(name + " must be a name such as frustrated or build_up");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}

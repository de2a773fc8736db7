package dev.empath.history.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A moment as a person types it: {@code now}, epoch milliseconds ({@code 1764670000000}), an
 * ISO-8601 instant ({@code 2026-12-02T10:15:00Z}, any offset), a date ({@code 2026-12-02}, midnight
 * UTC), or a time relative to now ({@code -2h}, {@code -90s}, {@code -1h30m}, {@code -7d}; units
 * {@code ms s m h d}).
 */
public final class TimeSpec {

  /** What every parse error says is accepted. */
  public static final String ACCEPTED =
      "epoch milliseconds, an ISO-8601 instant such as 2026-12-02T10:15:00Z, a date, now, or"
          + " relative such as -2h or -1h30m";

  private static final Pattern RELATIVE = Pattern.compile("-((?:\\d+(?:ms|s|m|h|d))+)");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private TimeSpec() {}

  /**
   * @param text what was typed
   * @param clock "now" for {@code now} and relative times
   * @return epoch milliseconds
   * @throws IllegalArgumentException saying what was wrong and what is accepted
   */
  public static long parse(String text, Clock clock) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a time is required: " + ACCEPTED);
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("now")) {
      return clock.millis();
    }
    if (t.chars().allMatch(Character::isDigit)) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException tooLong) {
        throw invalid(text);
      }
    }
    Matcher relative = RELATIVE.matcher(t);
    if (relative.matches()) {
      return clock.millis() - durationMs(relative.group(1), text);
    }
    try {
      return Instant.parse(text.strip()).toEpochMilli();
    } catch (DateTimeParseException notInstant) {
      try {
        return java.time.OffsetDateTime.parse(text.strip()).toInstant().toEpochMilli();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDate.parse(text.strip())
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .toEpochMilli();
        } catch (DateTimeParseException notDate) {
          throw invalid(text);
        }
      }
    }
  }

  /**
   * A length of time as typed: {@code 30m}, {@code 1h30m}, {@code 90s}, {@code 0}; units {@code ms
   * s m h d}.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static Duration parseDuration(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (!t.matches("(?:\\d+(?:ms|s|m|h|d))+")) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (use e.g. 30m, 1h30m, 90s or 0)");
    }
    return Duration.ofMillis(durationMs(t, text));
  }

  /** Renders epoch milliseconds as an ISO-8601 instant in UTC. */
  public static String format(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }

  private static long durationMs(String parts, String text) {
    long total = 0;
    Matcher part = PART.matcher(parts);
    while (part.find()) {
      long n;
      try {
        n = Long.parseLong(part.group(1));
      } catch (NumberFormatException tooLong) {
        throw invalid(text);
      }
      long unit =
          switch (part.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
          };
      try {
        total = Math.addExact(total, Math.multiplyExact(n, unit));
      } catch (ArithmeticException overflow) {
        throw invalid(text);
      }
    }
    return total;
  }

  private static IllegalArgumentException invalid(String text) {
    String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
    return new IllegalArgumentException("not a time: '" + shown + "' (use " + ACCEPTED + ")");
  }
}

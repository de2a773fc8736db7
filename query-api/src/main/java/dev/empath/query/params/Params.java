package dev.empath.query.params;

import dev.empath.query.problem.ProblemException;
import dev.empath.readmodel.session.TimelineQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses and checks request parameters; anything out of bounds is a 400 with the parameter named.
 * Ids follow the event contract (non-blank, at most 128 characters, no control characters) so every
 * id a producer may send can be asked for, and nothing else.
 */
public final class Params {

  public static final int MAX_ID_LENGTH = 128;

  private Params() {}

  public static String id(String name, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(name + " is required");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw ProblemException.badRequest(
          name + " is longer than " + MAX_ID_LENGTH + " characters (" + value.length() + ")");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '/' || c == '\\') {
        throw ProblemException.badRequest(name + " contains a forbidden character");
      }
    }
    return value;
  }

  /** A point in time: epoch milliseconds or an ISO-8601 instant ({@code 2026-01-01T00:00:00Z}). */
  public static long time(String name, String value, long absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notMillis) {
      try {
        return Instant.parse(value).toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException notInstant) {
        throw ProblemException.badRequest(
            name + " must be epoch milliseconds or an ISO-8601 instant: " + clip(value));
      }
    }
  }

  public static int limit(String value, int absent, int max) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    int limit;
    try {
      limit = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("limit must be an integer 1.." + max + ": " + clip(value));
    }
    if (limit < 1 || limit > max) {
      throw ProblemException.badRequest("limit must be 1.." + max + ": " + limit);
    }
    return limit;
  }

  /** {@code desc} (newest first, the default) or {@code asc}. */
  public static boolean descending(String order) {
    if (order == null || order.isEmpty()) {
      return true;
    }
    switch (order.toLowerCase(Locale.ROOT)) {
      case "desc":
        return true;
      case "asc":
        return false;
      default:
        throw ProblemException.badRequest("order must be asc or desc: " + clip(order));
    }
  }

  /**
   * A time range of a capped history, paged: {@code from}/{@code to} as {@link #time}, a page size
   * up to {@link TimelineQuery#MAX_LIMIT}, {@code order} and a cursor this API returned.
   */
  public static TimelineQuery timeline(
      String from, String to, String limit, String order, String cursor, int defaultLimit) {
    long fromMs = time("from", from, Long.MIN_VALUE);
    long toMs = time("to", to, Long.MAX_VALUE);
    if (fromMs > toMs) {
      throw ProblemException.badRequest("from must not be after to");
    }
    int pageSize = limit(limit, defaultLimit, TimelineQuery.MAX_LIMIT);
    int offset = 0;
    if (cursor != null && !cursor.isEmpty()) {
      try {
        offset = TimelineQuery.parseCursor(cursor);
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("cursor is not one this API returned");
      }
    }
    return new TimelineQuery(fromMs, toMs, pageSize, offset, descending(order));
  }

  private static String clip(String value) {
    String visible = value.replaceAll("\\p{Cntrl}", "?");
    return visible.length() <= 40 ? visible : visible.substring(0, 40) + "...";
  }
}

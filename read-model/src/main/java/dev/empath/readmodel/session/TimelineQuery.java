package dev.empath.readmodel.session;

import java.util.Optional;

/**
 * A page of a session's emotion timeline.
 *
 * @param fromMs inclusive lower bound of the timestamp
 * @param toMs inclusive upper bound of the timestamp
 * @param limit page size, 1..{@link #MAX_LIMIT}
 * @param offset entries to skip within the range (a page cursor is the next offset)
 * @param descending newest first when true
 */
public record TimelineQuery(long fromMs, long toMs, int limit, int offset, boolean descending) {

  public static final int MAX_LIMIT = 1_000;

  public TimelineQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
    if (fromMs > toMs) {
      throw new IllegalArgumentException("from must not be after to");
    }
  }

  /** The newest {@code limit} entries. */
  public static TimelineQuery latest(int limit) {
    return new TimelineQuery(Long.MIN_VALUE, Long.MAX_VALUE, limit, 0, true);
  }

  /** A query continuing from a cursor returned by a previous page. */
  public TimelineQuery after(String cursor) {
    return new TimelineQuery(fromMs, toMs, limit, parseCursor(cursor), descending);
  }

  /** Parses a page cursor; rejects anything that is not one (an HTTP layer maps this to 400). */
  public static int parseCursor(String cursor) {
    try {
      int offset = Integer.parseInt(cursor);
      if (offset < 0) {
        throw new IllegalArgumentException("invalid cursor: " + cursor);
      }
      return offset;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid cursor: " + cursor, e);
    }
  }

  Optional<String> nextCursor(int returned) {
    return returned < limit ? Optional.empty() : Optional.of(Integer.toString(offset + returned));
  }
}

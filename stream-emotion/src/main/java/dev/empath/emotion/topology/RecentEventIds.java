package dev.empath.emotion.topology;

import java.util.Arrays;

/**
 * The hashed ids of a session's last few events, oldest first, to drop re-sent duplicates.
 * Immutable. Primitive longs rather than a {@code List<Long>}: this is checked and copied once per
 * behaviour event, and boxed ids cost a pointer chase each.
 */
public final class RecentEventIds {

  private static final RecentEventIds NONE = new RecentEventIds(new long[0]);

  private final long[] ids;

  private RecentEventIds(long[] ids) {
    this.ids = ids;
  }

  public static RecentEventIds none() {
    return NONE;
  }

  public static RecentEventIds of(long... ids) {
    return ids.length == 0 ? NONE : new RecentEventIds(ids.clone());
  }

  public int size() {
    return ids.length;
  }

  /** The {@code i}-th id, oldest first. */
  public long get(int i) {
    return ids[i];
  }

  public boolean contains(long id) {
    for (long known : ids) {
      if (known == id) {
        return true;
      }
    }
    return false;
  }

  /** These ids and {@code id} as the newest, keeping at most {@code capacity} (the newest). */
  public RecentEventIds with(long id, int capacity) {
    int keep = Math.min(ids.length, capacity - 1);
    long[] next = new long[keep + 1];
    System.arraycopy(ids, ids.length - keep, next, 0, keep);
    next[keep] = id;
    return new RecentEventIds(next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecentEventIds other && Arrays.equals(ids, other.ids);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return Arrays.toString(ids);
  }
}

package dev.empath.history.story;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/**
 * Where an entry stands in a story: record timestamp, then topic order, then offset. Within one
 * session every topic is read from one partition, so the three make a total, stable order. Its
 * encoded form is the cursor a paged reader passes back to continue after this entry.
 *
 * @param timestampMs the record's timestamp
 * @param source the topic it was read from
 * @param offset its offset in the session's partition of that topic
 */
public record StoryPosition(long timestampMs, StorySource source, long offset)
    implements Comparable<StoryPosition> {

  private static final String VERSION = "s1";

  private static final Comparator<StoryPosition> ORDER =
      Comparator.comparingLong(StoryPosition::timestampMs)
          .thenComparing(StoryPosition::source)
          .thenComparingLong(StoryPosition::offset);

  @Override
  public int compareTo(StoryPosition other) {
    return ORDER.compare(this, other);
  }

  /** An opaque, URL-safe cursor. */
  public String encode() {
    String plain = VERSION + ":" + timestampMs + ":" + source.ordinal() + ":" + offset;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when {@code cursor} is not one {@link #encode()} made
   */
  public static StoryPosition decode(String cursor) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notACursor();
    }
    String[] parts = plain.split(":", -1);
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      throw notACursor();
    }
    try {
      long ts = Long.parseLong(parts[1]);
      int source = Integer.parseInt(parts[2]);
      long offset = Long.parseLong(parts[3]);
      if (source < 0 || source >= StorySource.values().length || offset < 0) {
        throw notACursor();
      }
      return new StoryPosition(ts, StorySource.values()[source], offset);
    } catch (NumberFormatException e) {
      throw notACursor();
    }
  }

  private static IllegalArgumentException notACursor() {
    return new IllegalArgumentException("not a story cursor");
  }
}

package dev.empath.history.story;

import dev.empath.history.time.TimeSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a session's story and what it said.
 *
 * @param position where it stands in the story (timestamp, topic, offset)
 * @param topic the topic name it was read from
 * @param partition the partition it was read from
 * @param kind what the record is: the source's label, or {@code undecodable}
 * @param text what it said, in one line
 * @param fields the same as structured values under stable names (strings, numbers, booleans, lists
 *     and maps of them), for JSON
 */
public record StoryEntry(
    StoryPosition position,
    String topic,
    int partition,
    String kind,
    String text,
    Map<String, Object> fields) {

  /** Kind of an entry whose bytes did not decode or broke the contract. */
  public static final String UNDECODABLE = "undecodable";

  public StoryEntry {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public long timestampMs() {
    return position.timestampMs();
  }

  public StorySource source() {
    return position.source();
  }

  public long offset() {
    return position.offset();
  }

  public boolean decoded() {
    return !UNDECODABLE.equals(kind);
  }

  /** {@code <time> <source> <text>}, the line a terminal shows. */
  public String line() {
    return String.format(
        "%-24s  %-11s  %s", TimeSpec.format(timestampMs()), source().label(), text);
  }
}

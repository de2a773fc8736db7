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

  /**
   * The entry as JSON values under stable names: {@code time}, {@code timestampMs}, {@code source},
   * {@code kind}, {@code topic}, {@code partition}, {@code offset}, {@code text}, {@code fields}.
   * query-api's story items carry the same names.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("time", TimeSpec.format(timestampMs()));
    json.put("timestampMs", timestampMs());
    json.put("source", source().label());
    json.put("kind", kind);
    json.put("topic", topic);
    json.put("partition", partition);
    json.put("offset", offset());
    json.put("text", text);
    json.put("fields", fields);
    return json;
  }

  /** The line a terminal shows: time, source, what it said. */
  public String line() {
    return String.format(
        "%-24s  %-11s  %s", TimeSpec.format(timestampMs()), source().label(), text);
  }
}

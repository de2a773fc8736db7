package dev.empath.schemas.topic;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How many partitions a deployment gives each topic it creates: one count for the keyed event
 * topics (the unit of parallelism of every service), and per-topic overrides by the topic's name
 * without prefix. Topics outside the event set keep the catalog's own count unless overridden.
 *
 * @param events partition count of the keyed event topics ({@link TopicCatalog#EVENT_PARTITIONS} by
 *     default)
 * @param overrides a topic's own count, by its name without prefix ({@code empath.behavior.v1})
 */
public record TopicPartitions(int events, Function<String, Optional<Integer>> overrides) {

  /** The catalog's counts: 6 per event topic, the documented count for the others. */
  public static final TopicPartitions CATALOG =
      new TopicPartitions(TopicCatalog.EVENT_PARTITIONS, name -> Optional.empty());

  public TopicPartitions {
    Objects.requireNonNull(overrides, "overrides");
    if (events < 1) {
      throw new IllegalArgumentException("event topics need >= 1 partition: " + events);
    }
  }

  /** Every event topic with {@code count} partitions, no overrides. */
  public static TopicPartitions events(int count) {
    return new TopicPartitions(count, name -> Optional.empty());
  }

  /** Count of the event topic {@code baseName}. */
  public int event(String baseName) {
    return checked(baseName, overrides.apply(baseName).orElse(events));
  }

  /** Count of {@code baseName}, a topic whose catalog count is {@code catalogCount}. */
  public int other(String baseName, int catalogCount) {
    return checked(baseName, overrides.apply(baseName).orElse(catalogCount));
  }

  private static int checked(String baseName, int count) {
    if (count < 1) {
      throw new IllegalArgumentException(baseName + " needs >= 1 partition: " + count);
    }
    return count;
  }
}

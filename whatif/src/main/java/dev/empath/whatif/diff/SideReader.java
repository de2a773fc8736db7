package dev.empath.whatif.diff;

import dev.empath.history.progress.Progress;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.HistoryConsumers;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.EmotionLabel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Reads one side's predictions, decisions and generation requests of a range with {@link
 * BoundedScan}: production's topics and the shadow's alike, so both are read the same way.
 */
public final class SideReader {

  private static final Duration TOLERANCE = Duration.ofMinutes(1);

  private final EmpathConfig config;
  private final Function<String, Progress> progress;

  public SideReader(EmpathConfig config, Function<String, Progress> progress) {
    this.config = config;
    this.progress = progress;
  }

  public SideRecords read(TopicCatalog catalog, long fromMs, long toMs, Optional<String> game) {
    return new SideRecords(
        read(catalog.emotion(), fromMs, toMs, p -> p.getTimestampMs(), p -> p.getGameId(), game),
        read(catalog.narrative(), fromMs, toMs, d -> d.getTimestampMs(), d -> d.getGameId(), game),
        read(
            catalog.generationRequest(),
            fromMs,
            toMs,
            r -> r.getCreatedAtMs(),
            r -> r.getGameId(),
            game));
  }

  /**
   * The labels of the range on {@code catalog}'s label topic (production's: labels have no shadow).
   */
  public List<EmotionLabel> labels(
      TopicCatalog catalog, long fromMs, long toMs, Optional<String> game) {
    return read(
        catalog.emotionLabel(), fromMs, toMs, l -> l.getTimestampMs(), l -> l.getGameId(), game);
  }

  private <V> List<V> read(
      TopicSpec<String, V> topic,
      long fromMs,
      long toMs,
      ToLongFunction<V> time,
      Function<V, String> gameOf,
      Optional<String> game) {
    List<V> out = new ArrayList<>();
    try (Consumer<byte[], byte[]> consumer = HistoryConsumers.create(config, "whatif-diff")) {
      BoundedScan scan = new BoundedScan(consumer);
      scan.run(
          scan.plan(scan.partitions(topic.name()), fromMs, toMs, TOLERANCE),
          record -> {
            V value = decode(topic, record.value());
            if (value != null) {
              long t = time.applyAsLong(value);
              if (t >= fromMs && t <= toMs && game.map(gameOf.apply(value)::equals).orElse(true)) {
                out.add(value);
              }
            }
            return true;
          },
          progress.apply("reading " + topic.name()));
    }
    return out;
  }

  /** A record no reader can decode was dead-lettered where it was written; it decided nothing. */
  private static <V> V decode(TopicSpec<String, V> topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}

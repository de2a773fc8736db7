package dev.empath.history.story;

import dev.empath.history.progress.Progress;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.KeyPartitions;
import dev.empath.history.scan.ScanRange;
import dev.empath.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells a session's story from the topics: every record of the session on the behaviour, emotion,
 * narrative, generation request and result topics, and its dead letters, merged in time order.
 *
 * <p>Only the partition holding the session's key is read on each topic (the dead-letter topic has
 * its own partition count, so its own partition), from the offset {@code offsetsForTimes} gives for
 * the start, to the end offsets taken when the read begins. Records keep their partition order but
 * producers set timestamps, so the end of a range bounded by time reads {@link #TOLERANCE} further.
 * Records of another game that share the session id are left out; records that cannot name their
 * game (bytes that do not decode) are shown only in a story that records naming the game make
 * known. Not thread-safe: one story at a time per consumer.
 */
public final class SessionStory {

  /** How far past the end of a range records are still read for late timestamps. */
  public static final Duration TOLERANCE = Duration.ofMinutes(1);

  private final Consumer<byte[], byte[]> consumer;
  private final TopicCatalog catalog;
  private final BoundedScan scan;

  /**
   * @param consumer a group-less, {@code read_committed} consumer (see {@code HistoryConsumers})
   * @param catalog topic names; values are read in either framing whatever its serializers write
   */
  public SessionStory(Consumer<byte[], byte[]> consumer, TopicCatalog catalog) {
    this.consumer = consumer;
    this.catalog = catalog;
    this.scan = new BoundedScan(consumer);
  }

  /**
   * Reads the part of the story {@code request} asks for.
   *
   * @throws MissingTopicException when a topic of the story does not exist
   * @throws dev.empath.history.scan.BeyondRetentionException when the start is older than what a
   *     topic still holds
   */
  public StoryPage read(StoryRequest request, Progress progress) {
    StoryRecords records = new StoryRecords(catalog, request.game(), request.session());
    long from = request.fromMs();
    Optional<StoryPosition> after = request.after();
    if (after.isPresent()) {
      if (after.get().timestampMs() > request.toMs()) {
        progress.finish();
        return new PageCollector(request.limit()).page(0, true);
      }
      // Every record at or after a time lies at or after the offset offsetsForTimes gives for it.
      from = Math.max(from, after.get().timestampMs());
    }
    Map<TopicPartition, StorySource> sources = partitions(records.key());
    List<ScanRange> ranges =
        scan.plan(new ArrayList<>(sources.keySet()), from, request.toMs(), TOLERANCE);
    PageCollector page = new PageCollector(request.limit());
    long lowest = from;
    long read =
        scan.run(
            ranges,
            record -> {
              offer(records, sources.get(topicPartition(record)), record, request, lowest, page);
              return true;
            },
            progress);
    return page.page(read, after.isPresent());
  }

  private static void offer(
      StoryRecords records,
      StorySource source,
      ConsumerRecord<byte[], byte[]> record,
      StoryRequest request,
      long from,
      PageCollector page) {
    if (record.timestamp() < from
        || record.timestamp() > request.toMs()
        || !records.isOurs(record)) {
      return;
    }
    Optional<StoryPosition> after = request.after();
    if (after.isPresent()
        && new StoryPosition(record.timestamp(), source, record.offset()).compareTo(after.get())
            <= 0) {
      return;
    }
    records.entry(source, record).ifPresent(page::offer);
  }

  /** The partition of the session's key on every topic of the story. */
  private Map<TopicPartition, StorySource> partitions(byte[] key) {
    Map<TopicPartition, StorySource> out = new HashMap<>();
    for (StorySource source : StorySource.values()) {
      String topic = source.topic(catalog).name();
      int count;
      try {
        count = scan.partitionCount(topic);
      } catch (IllegalArgumentException | org.apache.kafka.common.errors.TimeoutException e) {
        throw new MissingTopicException(
            "topic "
                + topic
                + " does not exist; a story reads "
                + topicNames()
                + " (check the topic prefix)");
      }
      out.put(new TopicPartition(topic, KeyPartitions.of(key, count)), source);
    }
    return out;
  }

  private String topicNames() {
    return Arrays.stream(StorySource.values())
        .map(s -> s.topic(catalog).name())
        .collect(Collectors.joining(", "));
  }

  private static TopicPartition topicPartition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  /** The topics a story reads, by source, for messages and documentation. */
  public Map<StorySource, String> topics() {
    Map<StorySource, String> out = new EnumMap<>(StorySource.class);
    for (StorySource s : StorySource.values()) {
      out.put(s, s.topic(catalog).name());
    }
    return out;
  }
}

package dev.empath.cli.state;

import com.google.protobuf.Message;
import dev.empath.cli.tool.UserError;
import dev.empath.history.progress.Progress;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.KeyPartitions;
import dev.empath.history.scan.ScanRange;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.schemas.topic.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the records one answer needs and offers them to a {@link MomentFold}. Records keyed by the
 * entity are read from the key's partition only, compared by key before decoding; a record that
 * does not decode is counted and skipped.
 */
final class StateScan {

  /** How far past the moment record timestamps may still hide a record from before it. */
  static final Duration TOLERANCE = Duration.ofMinutes(10);

  private final BoundedScan scan;
  private final ProjectedTopics topics;
  private final boolean showProgress;
  private long undecodable;

  StateScan(BoundedScan scan, ProjectedTopics topics, boolean showProgress) {
    this.scan = scan;
    this.topics = topics;
    this.showProgress = showProgress;
  }

  /**
   * Every record of {@code key}'s partition of {@code topic}, up to the end offset taken now: event
   * time, not the record's timestamp, decides what is before the moment.
   */
  void byKey(TopicSpec<String, ?> topic, String key, Predicate<Message> keep, MomentFold into) {
    int partition = KeyPartitions.of(key, partitions(topic).size());
    List<ScanRange> ranges =
        scan.plan(
            List.of(new TopicPartition(topic.name(), partition)),
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            Duration.ZERO);
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    scan.run(
        ranges,
        record -> {
          if (Arrays.equals(record.key(), wanted)) {
            offer(record, keep, into);
          }
          return true;
        },
        progress("reading " + topic.name() + "-" + partition));
  }

  /**
   * Every partition of {@code topic} up to the moment (by record timestamp, with {@link
   * #TOLERANCE}), keeping records whose value bytes contain {@code mustContain} and that {@code
   * keep} accepts: a record that names an id holds its UTF-8 bytes, so the others are not decoded.
   */
  void upTo(
      TopicSpec<String, ?> topic,
      long atMs,
      String mustContain,
      Predicate<Message> keep,
      MomentFold into) {
    List<ScanRange> ranges = scan.plan(partitions(topic), Long.MIN_VALUE, atMs, TOLERANCE);
    byte[] needle = mustContain.getBytes(StandardCharsets.UTF_8);
    scan.run(
        ranges,
        record -> {
          if (record.value() != null && contains(record.value(), needle)) {
            offer(record, keep, into);
          }
          return true;
        },
        progress("reading " + topic.name()));
  }

  private List<TopicPartition> partitions(TopicSpec<String, ?> topic) {
    try {
      return scan.partitions(topic.name());
    } catch (IllegalArgumentException missing) {
      throw new UserError(missing.getMessage() + " (check --bootstrap and --topic-prefix)");
    }
  }

  /** Records of the entity that did not decode, skipped. */
  long undecodable() {
    return undecodable;
  }

  private void offer(
      ConsumerRecord<byte[], byte[]> record, Predicate<Message> keep, MomentFold into) {
    Message event;
    try {
      event =
          topics
              .deserializer(record.topic())
              .deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      event = null;
    }
    if (event == null) {
      undecodable++;
      return;
    }
    if (keep.test(event)) {
      into.offer(event);
    }
  }

  private Progress progress(String label) {
    return showProgress ? Progress.onStderr(label, 0) : Progress.silent();
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

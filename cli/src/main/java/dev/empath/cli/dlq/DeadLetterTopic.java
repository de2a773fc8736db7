package dev.empath.cli.dlq;

import dev.empath.cli.tool.UserError;
import dev.empath.history.progress.Progress;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.ScanRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Bounded reads of the dead-letter topic: a filtered list, or one record by its position. */
final class DeadLetterTopic {

  private final Consumer<byte[], byte[]> consumer;
  private final BoundedScan scan;
  private final String topic;

  /**
   * @param consumer a history consumer (no group, read_committed); the caller closes it
   */
  DeadLetterTopic(Consumer<byte[], byte[]> consumer, String topic) {
    this.consumer = consumer;
    this.scan = new BoundedScan(consumer);
    this.topic = topic;
  }

  String name() {
    return topic;
  }

  int partitions() {
    try {
      return scan.partitionCount(topic);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage() + " (check --topic-prefix)");
    }
  }

  /**
   * Dead letters matching {@code filter}, oldest first per partition, partition by partition, up to
   * {@code limit}; reads only what was in the topic when it started.
   */
  List<DeadLetter> list(DeadLetterFilter filter, int limit, Progress progress) {
    List<TopicPartition> partitions = partitionList();
    List<ScanRange> ranges = scan.plan(partitions, filter.sinceMs(), Long.MAX_VALUE, Duration.ZERO);
    List<DeadLetter> out = new ArrayList<>();
    scan.run(
        ranges,
        record -> {
          DeadLetter letter = DeadLetter.of(record);
          if (filter.test(letter)) {
            out.add(letter);
          }
          return out.size() < limit;
        },
        progress);
    return out;
  }

  /** The dead letter at {@code id}; a user error when the topic holds no record there. */
  DeadLetter read(DeadLetterId id) {
    TopicPartition tp = new TopicPartition(topic, id.partition());
    long first = consumer.beginningOffsets(List.of(tp)).get(tp);
    long end = consumer.endOffsets(List.of(tp)).get(tp);
    if (id.offset() < first || id.offset() >= end) {
      throw new UserError(
          "no dead letter "
              + id
              + ": partition "
              + id.partition()
              + (first >= end ? " is empty" : " holds offsets " + first + ".." + (end - 1)));
    }
    List<DeadLetter> found = new ArrayList<>();
    scan.run(
        List.of(new ScanRange(tp, id.offset(), id.offset() + 1)),
        record -> {
          found.add(DeadLetter.of(record));
          return false;
        },
        Progress.silent());
    if (found.isEmpty()) {
      throw new UserError("no dead letter " + id + " (a transaction marker or an aborted record)");
    }
    return found.get(0);
  }

  /** The dead letters at {@code ids}, in the order given. */
  List<DeadLetter> read(List<DeadLetterId> ids) {
    List<DeadLetter> out = new ArrayList<>();
    ids.forEach(id -> out.add(read(id)));
    return out;
  }

  private List<TopicPartition> partitionList() {
    partitions(); // a missing topic is a user error
    return scan.partitions(topic);
  }
}

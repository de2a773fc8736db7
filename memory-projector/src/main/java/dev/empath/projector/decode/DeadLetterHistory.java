package dev.empath.projector.decode;

import dev.empath.platform.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The source records this projector has dead-lettered: read back from the dead-letter topic at
 * start, then kept up to date as it sends more. A dead letter is sent, and acknowledged, before the
 * offset past its record is stored in Redis; a crash in between, a replay from the older offsets a
 * restarted Redis holds, or a batch read again after a failed commit would otherwise send it again.
 *
 * <p>Start-up reads the whole dead-letter topic (30 days by default), and every projector dead
 * letter it holds costs a few dozen bytes here: bad input is expected to be rare.
 */
public final class DeadLetterHistory {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<TopicPartition, Set<Long>> sent = new HashMap<>();

  /** Nothing sent yet: for a dead-letter topic known to be empty, and for tests. */
  public static DeadLetterHistory empty() {
    return new DeadLetterHistory();
  }

  /**
   * Reads {@code topic} from its beginning to its current end with {@code consumer} (assigned, no
   * group), keeping the dead letters {@code component} sent for records of {@code sources}.
   */
  public static DeadLetterHistory read(
      Consumer<byte[], byte[]> consumer, String topic, String component, Set<String> sources) {
    DeadLetterHistory history = new DeadLetterHistory();
    List<PartitionInfo> info = consumer.partitionsFor(topic, TIMEOUT);
    List<TopicPartition> partitions =
        info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
    long deadline = System.nanoTime() + TIMEOUT.toNanos() * 10;
    while (!reached(consumer, end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + topic + " up to " + end);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        String source = header(r, DeadLetterHeaders.SOURCE_TOPIC);
        if (component.equals(header(r, DeadLetterHeaders.COMPONENT)) && sources.contains(source)) {
          try {
            history.add(
                new TopicPartition(
                    source, Integer.parseInt(header(r, DeadLetterHeaders.SOURCE_PARTITION))),
                Long.parseLong(header(r, DeadLetterHeaders.SOURCE_OFFSET)));
          } catch (NumberFormatException e) {
            // Not one of ours after all: every dead letter we send carries both numbers.
          }
        }
      }
    }
    return history;
  }

  public boolean contains(ConsumerRecord<?, ?> record) {
    Set<Long> offsets = sent.get(new TopicPartition(record.topic(), record.partition()));
    return offsets != null && offsets.contains(record.offset());
  }

  public void add(ConsumerRecord<?, ?> record) {
    add(new TopicPartition(record.topic(), record.partition()), record.offset());
  }

  public int size() {
    return sent.values().stream().mapToInt(Set::size).sum();
  }

  private void add(TopicPartition tp, long offset) {
    sent.computeIfAbsent(tp, k -> new HashSet<>()).add(offset);
  }

  private static boolean reached(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}

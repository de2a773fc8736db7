package dev.empath.cli.dlq;

import dev.empath.history.progress.Progress;
import dev.empath.history.scan.BoundedScan;
import dev.empath.history.scan.ScanRange;
import dev.empath.history.time.TimeSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Which dead letters were redriven: a compacted topic keyed by the dead letter's {@code
 * PARTITION:OFFSET}, each entry written in the same transaction as the record sent back, so an
 * entry exists exactly when the record was sent.
 */
final class RedriveLedger {

  private static final Pattern AT = Pattern.compile("\"redriven_at_ms\":(\\d+)");
  private static final Pattern TO = Pattern.compile("\"to\":\"([^\"]*)\"");

  private final String topic;
  private final Map<String, String> entries;

  private RedriveLedger(String topic, Map<String, String> entries) {
    this.topic = topic;
    this.entries = entries;
  }

  /** Reads the whole ledger, up to its end as it is now (committed entries only). */
  static RedriveLedger read(Consumer<byte[], byte[]> consumer, String topic) {
    BoundedScan scan = new BoundedScan(consumer);
    List<ScanRange> ranges =
        scan.plan(scan.partitions(topic), Long.MIN_VALUE, Long.MAX_VALUE, Duration.ZERO);
    Map<String, String> entries = new HashMap<>();
    scan.run(
        ranges,
        record -> {
          String key = new String(record.key(), StandardCharsets.UTF_8);
          if (record.value() == null) {
            entries.remove(key);
          } else {
            entries.put(key, new String(record.value(), StandardCharsets.UTF_8));
          }
          return true;
        },
        Progress.silent());
    return new RedriveLedger(topic, entries);
  }

  boolean redriven(DeadLetterId id) {
    return entries.containsKey(id.toString());
  }

  /** "at 2026-12-02T10:15:00Z to empath.interaction.v1/3", for a dead letter already redriven. */
  Optional<String> describe(DeadLetterId id) {
    String entry = entries.get(id.toString());
    if (entry == null) {
      return Optional.empty();
    }
    Matcher at = AT.matcher(entry);
    Matcher to = TO.matcher(entry);
    return Optional.of(
        (at.find() ? "at " + TimeSpec.format(Long.parseLong(at.group(1))) : "")
            + (to.find() ? " to " + to.group(1) : ""));
  }

  /** The entry recording that {@code letter} was sent to {@code target} at {@code nowMs}. */
  ProducerRecord<byte[], byte[]> entry(DeadLetter letter, String target, long nowMs) {
    String value =
        "{\"dead_letter\":\""
            + letter.id()
            + "\",\"to\":\""
            + target
            + "\",\"source\":\""
            + letter.source()
            + "\",\"redriven_at_ms\":"
            + nowMs
            + "}";
    return new ProducerRecord<>(
        topic,
        letter.id().toString().getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }
}

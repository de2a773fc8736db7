package dev.empath.bench.chaos;

import dev.empath.platform.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The dead-letter topic against the malformed records of the input: each one dead-lettered once by
 * every component that reads its topic, with a reason, and nothing else dead-lettered.
 */
final class DeadLetterCheck {

  /** Where a dead letter came from and who refused it. */
  record Source(String component, String topic, int partition, long offset) {}

  /**
   * @param expected (component, source) pairs the malformed records call for
   * @param missing expected pairs without a dead letter
   * @param duplicated dead letters beyond the first of a pair
   * @param unexpected dead letters of records that are not malformed
   * @param withoutReason dead letters without a reason header
   */
  record Result(
      long expected,
      long missing,
      long duplicated,
      long unexpected,
      long withoutReason,
      List<String> examples) {
    boolean exact() {
      return missing == 0 && duplicated == 0 && unexpected == 0 && withoutReason == 0;
    }
  }

  private DeadLetterCheck() {}

  /**
   * @param readers topic → the components that read it and must refuse its malformed records
   * @param inputs topic → its records per partition
   */
  static Result of(
      Map<String, List<String>> readers,
      Map<String, Map<Integer, List<ConsumerRecord<byte[], byte[]>>>> inputs,
      Map<Integer, List<ConsumerRecord<byte[], byte[]>>> deadLetters) {
    Set<Source> expected = new HashSet<>();
    inputs.forEach(
        (topic, partitions) ->
            partitions.values().stream()
                .flatMap(List::stream)
                .filter(r -> r.key() != null && text(r.key()).startsWith(Malformed.KEY_PREFIX))
                .forEach(
                    r -> {
                      for (String component : readers.getOrDefault(topic, List.of())) {
                        expected.add(new Source(component, topic, r.partition(), r.offset()));
                      }
                    }));
    Map<Source, Integer> seen = new HashMap<>();
    long withoutReason = 0;
    List<String> examples = new ArrayList<>();
    for (List<ConsumerRecord<byte[], byte[]>> partition : deadLetters.values()) {
      for (ConsumerRecord<byte[], byte[]> r : partition) {
        Source source =
            new Source(
                header(r, DeadLetterHeaders.COMPONENT),
                header(r, DeadLetterHeaders.SOURCE_TOPIC),
                (int) number(header(r, DeadLetterHeaders.SOURCE_PARTITION)),
                number(header(r, DeadLetterHeaders.SOURCE_OFFSET)));
        seen.merge(source, 1, Integer::sum);
        if (header(r, DeadLetterHeaders.REASON).isBlank()) {
          withoutReason++;
        }
      }
    }
    long missing = 0;
    for (Source s : expected) {
      if (!seen.containsKey(s)) {
        missing++;
        note(examples, "missing: " + s);
      }
    }
    long duplicated = 0;
    long unexpected = 0;
    for (Map.Entry<Source, Integer> e : seen.entrySet()) {
      if (!expected.contains(e.getKey())) {
        unexpected += e.getValue();
        note(examples, "unexpected: " + e.getKey());
      } else if (e.getValue() > 1) {
        duplicated += e.getValue() - 1;
        note(examples, e.getValue() + " times: " + e.getKey());
      }
    }
    return new Result(
        expected.size(), missing, duplicated, unexpected, withoutReason, List.copyOf(examples));
  }

  private static void note(List<String> examples, String example) {
    if (examples.size() < 5) {
      examples.add(example);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "" : text(h.value());
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

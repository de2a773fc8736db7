package dev.empath.projector.loop;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Redis Cluster: what entity groups answered they have applied already, per source partition (hash
 * tag → next offset), learned when a batch met groups ahead of it: after a crash, some groups of a
 * batch may have committed while others had not. The fold then leaves out, per group, the records
 * below its watermark. Entries at or below a partition's resume offset no longer matter and go.
 *
 * <p>Used by the loop's thread only.
 */
final class GroupWatermarks {

  private final Map<TopicPartition, Map<String, Long>> learned = new HashMap<>();

  /** What is known for {@code tp}; empty almost always. */
  Map<String, Long> of(TopicPartition tp) {
    return learned.getOrDefault(tp, Map.of());
  }

  void learn(TopicPartition tp, Map<String, Long> watermarks) {
    if (!watermarks.isEmpty()) {
      Map<String, Long> known = learned.computeIfAbsent(tp, p -> new HashMap<>());
      watermarks.forEach((tag, next) -> known.merge(tag, next, Math::max));
    }
  }

  /** {@code tp} resumes at {@code resume} now: records below it are never folded again. */
  void resumesAt(TopicPartition tp, long resume) {
    Map<String, Long> known = learned.get(tp);
    if (known != null) {
      known.values().removeIf(next -> next <= resume);
      if (known.isEmpty()) {
        learned.remove(tp);
      }
    }
  }

  void forget(TopicPartition tp) {
    learned.remove(tp);
  }

  void forgetAll() {
    learned.clear();
  }
}

package dev.empath.schemas.topic;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything the code knows about one topic. Immutable; the {@code with*} methods return copies.
 *
 * @param name topic name
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 * @param keyMeaning what the key is (documented for producers: "session_id", ...)
 * @param partitions partition count; existing topics must match it
 * @param cleanupPolicy delete or compact
 * @param retention how long records are kept; empty = forever (the topic is a system of record)
 */
public record TopicSpec<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    String keyMeaning,
    int partitions,
    CleanupPolicy cleanupPolicy,
    Optional<Duration> retention) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(retention, "retention");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1 for " + name);
    }
  }

  public TopicSpec<K, V> withName(String newName) {
    return new TopicSpec<>(
        newName, keySerde, valueSerde, keyMeaning, partitions, cleanupPolicy, retention);
  }

  public TopicSpec<K, V> withPartitions(int count) {
    return new TopicSpec<>(name, keySerde, valueSerde, keyMeaning, count, cleanupPolicy, retention);
  }

  public <W> TopicSpec<K, W> withValueSerde(Serde<W> serde) {
    return new TopicSpec<>(name, keySerde, serde, keyMeaning, partitions, cleanupPolicy, retention);
  }

  /** Topic configs to create the topic with. */
  public Map<String, String> topicConfigs() {
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        cleanupPolicy.configValue(),
        TopicConfig.RETENTION_MS_CONFIG,
        Long.toString(retention.map(Duration::toMillis).orElse(-1L)));
  }
}

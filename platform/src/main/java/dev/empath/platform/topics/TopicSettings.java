package dev.empath.platform.topics;

import dev.empath.platform.config.EmpathConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How a deployment replicates the topics it creates; existing topics must agree where a value is
 * configured. Partition counts are the catalog's ({@link Catalogs#topics}).
 *
 * @param replicationFactor empty: the broker's {@code default.replication.factor}, not checked
 * @param minInsyncReplicas empty: the broker's {@code min.insync.replicas}, not checked
 */
public record TopicSettings(
    Optional<Short> replicationFactor, Optional<Integer> minInsyncReplicas) {

  /** The broker's defaults for both. */
  public static final TopicSettings BROKER_DEFAULTS =
      new TopicSettings(Optional.empty(), Optional.empty());

  public static TopicSettings from(EmpathConfig config) {
    return new TopicSettings(config.topicReplicationFactor(), config.topicMinInsyncReplicas());
  }

  /** Only a replication factor (empty: the broker's). */
  public static TopicSettings replication(Optional<Short> replicationFactor) {
    return new TopicSettings(replicationFactor, Optional.empty());
  }

  /** The topic configs these settings add to a topic's own when it is created. */
  Map<String, String> topicConfigs(Map<String, String> own) {
    Map<String, String> out = new HashMap<>(own);
    minInsyncReplicas.ifPresent(
        n -> out.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(n)));
    return out;
  }
}

package dev.empath.platform.topics;

import dev.empath.platform.config.PlatformConfigKeys;
import dev.empath.schemas.topic.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Whether an existing topic is the one the catalog and the settings describe. Each problem is one
 * sentence naming the topic, what it has, what is wanted and what to do about it.
 */
final class TopicCheck {

  private TopicCheck() {}

  static List<String> problems(
      TopicSpec<?, ?> spec, TopicDescription description, Config config, TopicSettings settings) {
    List<String> problems = new ArrayList<>();
    String topic = spec.name();
    int partitions = description.partitions().size();
    if (partitions != spec.partitions()) {
      problems.add(
          "topic %s has %d partitions, the configuration wants %d: set %s (or %s) to %d to use it"
                  .formatted(
                      topic,
                      partitions,
                      spec.partitions(),
                      PlatformConfigKeys.TOPIC_PARTITIONS.name(),
                      PlatformConfigKeys.TOPIC_PARTITIONS_OF.name(),
                      partitions)
              + " as it is, or recreate it (adding partitions moves keys to other partitions)");
    }
    String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
    if (!policy.equals(spec.cleanupPolicy().configValue())) {
      problems.add(
          "topic %s has cleanup.policy=%s, the catalog requires %s: recreate it"
              .formatted(topic, policy, spec.cleanupPolicy().configValue()));
    }
    int replicas = replicationFactor(description);
    settings
        .replicationFactor()
        .filter(wanted -> wanted != replicas)
        .ifPresent(
            wanted ->
                problems.add(
                    ("topic %s has replication factor %d, the configuration wants %d: reassign"
                            + " its replicas (kafka-reassign-partitions) or set %s=%d")
                        .formatted(
                            topic,
                            replicas,
                            wanted,
                            PlatformConfigKeys.TOPIC_REPLICATION_FACTOR.name(),
                            replicas)));
    String minIsr = value(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
    settings
        .minInsyncReplicas()
        .filter(wanted -> !String.valueOf(wanted).equals(minIsr))
        .ifPresent(
            wanted ->
                problems.add(
                    ("topic %s has min.insync.replicas=%s, the configuration wants %d: run"
                            + " kafka-configs --alter --entity-type topics --entity-name %s"
                            + " --add-config min.insync.replicas=%d, or set %s=%s")
                        .formatted(
                            topic,
                            minIsr,
                            wanted,
                            topic,
                            wanted,
                            PlatformConfigKeys.TOPIC_MIN_INSYNC_REPLICAS.name(),
                            minIsr)));
    int effectiveMinIsr = settings.minInsyncReplicas().orElse(parsed(minIsr));
    if (effectiveMinIsr > replicas) {
      problems.add(
          ("topic %s has %d replicas but min.insync.replicas=%d: every acks=all write would be"
                  + " refused; lower %s or raise the replication factor")
              .formatted(
                  topic,
                  replicas,
                  effectiveMinIsr,
                  PlatformConfigKeys.TOPIC_MIN_INSYNC_REPLICAS.name()));
    }
    return problems;
  }

  /** The smallest replica count of the topic's partitions (they differ only mid-reassignment). */
  static int replicationFactor(TopicDescription description) {
    return description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
  }

  private static String value(Config config, String name, String absent) {
    ConfigEntry entry = config == null ? null : config.get(name);
    return entry == null || entry.value() == null ? absent : entry.value();
  }

  private static int parsed(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}

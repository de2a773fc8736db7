package dev.empath.schemas.topic;

import org.apache.kafka.common.config.TopicConfig;

/** How a topic forgets: by age (an event log) or by key (latest value per key). */
public enum CleanupPolicy {
  DELETE(TopicConfig.CLEANUP_POLICY_DELETE),
  COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the {@code cleanup.policy} topic config. */
  public String configValue() {
    return configValue;
  }
}

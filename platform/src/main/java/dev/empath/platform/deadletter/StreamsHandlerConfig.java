package dev.empath.platform.deadletter;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/** Reads the dead-letter settings the Streams handlers are configured with. */
final class StreamsHandlerConfig {

  private StreamsHandlerConfig() {}

  static String topic(Map<String, ?> configs) {
    Object topic = configs.get(DeadLetters.TOPIC_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new ConfigException(
          DeadLetters.TOPIC_CONFIG + " must name the dead-letter topic for the Streams handlers");
    }
    return topic.toString();
  }

  static String component(Map<String, ?> configs) {
    Object component = configs.get(DeadLetters.COMPONENT_CONFIG);
    if (component != null) {
      return component.toString();
    }
    Object appId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    return appId == null ? "streams" : appId.toString();
  }
}

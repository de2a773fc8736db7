package dev.empath.platform.deadletter;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * What the Streams dead-letter handlers share: the topic and component they are configured with,
 * and how a dead letter is built from Streams' error context.
 */
final class StreamsHandlerConfig {

  private final String topic;
  private final String component;

  private StreamsHandlerConfig(String topic, String component) {
    this.topic = topic;
    this.component = component;
  }

  static StreamsHandlerConfig from(Map<String, ?> configs) {
    Object topic = configs.get(DeadLetters.TOPIC_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new ConfigException(
          DeadLetters.TOPIC_CONFIG + " must name the dead-letter topic for the Streams handlers");
    }
    Object component = configs.get(DeadLetters.COMPONENT_CONFIG);
    if (component == null) {
      component = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    }
    return new StreamsHandlerConfig(
        topic.toString(), component == null ? "streams" : component.toString());
  }

  String component() {
    return component;
  }

  /** A dead letter of the source record Streams was handling, with the original bytes. */
  ProducerRecord<byte[], byte[]> letter(
      ErrorHandlerContext context, byte[] key, byte[] value, Exception error, String by) {
    return DeadLetters.keepRedriveMark(
        context.headers(),
        DeadLetters.record(
            topic,
            new DeadLetters.Source(context.topic(), context.partition(), context.offset()),
            key,
            value,
            error,
            by,
            System.currentTimeMillis()));
  }
}

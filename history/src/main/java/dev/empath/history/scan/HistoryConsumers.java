package dev.empath.history.scan;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Consumers for reading history: no group, nothing committed, committed records only. */
public final class HistoryConsumers {

  private HistoryConsumers() {}

  /** A consumer for {@link BoundedScan}, with the configuration's client (security) settings. */
  public static Consumer<byte[], byte[]> create(EmpathConfig config, String clientId) {
    Properties props = KafkaClientConfigs.consumer(config, "unused", clientId);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    // A broker answers one connection's requests in order: a fetch parked at the end of a range
    // would hold the next read's metadata and offset look-ups for the default 500 ms.
    props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    // Looking back must never create a topic a mistyped prefix named.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}

package dev.empath.projector.app;

import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka clients of the projector, from the shared client settings. */
public final class ProjectorClients {

  private ProjectorClients() {}

  /** Raw bytes: decoding happens in the loop so a bad record can be dead-lettered. */
  public static Consumer<byte[], byte[]> groupConsumer(EmpathConfig config, String groupId) {
    Properties props = KafkaClientConfigs.consumer(config, groupId, "memory-projector");
    batching(props);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A consumer without a group, for rebuilds that assign partitions themselves. */
  public static Consumer<byte[], byte[]> assignedConsumer(EmpathConfig config) {
    Properties props = KafkaClientConfigs.consumer(config, "unused", "memory-projector-rebuild");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    batching(props);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  // Larger polls mean fewer, larger atomic commits, and more writes that coalesce.
  private static void batching(Properties props) {
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576");
  }

  public static Producer<byte[], byte[]> deadLetterProducer(EmpathConfig config) {
    return new KafkaProducer<>(
        KafkaClientConfigs.producer(config, "memory-projector-dlq"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}

package dev.empath.cli.dlq;

import dev.empath.history.scan.HistoryConsumers;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.Catalogs;
import dev.empath.schemas.topic.TopicCatalog;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the dlq commands read and write with, from the configuration. */
final class DlqClients implements AutoCloseable {

  final EmpathConfig config;
  final TopicCatalog catalog;
  final Consumer<byte[], byte[]> consumer;
  final DeadLetterTopic topic;
  final Payloads payloads;

  DlqClients(EmpathConfig config) {
    this.config = config;
    this.catalog = Catalogs.from(config);
    this.consumer = HistoryConsumers.create(config, "empath-dlq");
    this.topic = new DeadLetterTopic(consumer, catalog.deadLetter().name());
    this.payloads = new Payloads(catalog);
  }

  RedriveLedger ledger() {
    return RedriveLedger.read(consumer, catalog.deadLetterRedrives().name());
  }

  Redriver redriver() {
    return new Redriver(
        this::transactionalProducer, consumer, catalog.deadLetterRedrives().name(), payloads);
  }

  /** One transactional id per dead-letter topic: a redrive fences any other still running. */
  private Producer<byte[], byte[]> transactionalProducer() {
    Properties props = KafkaClientConfigs.producer(config, "empath-dlq-redrive");
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "empath-dlq-redrive-" + topic.name());
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void close() {
    consumer.close();
  }
}

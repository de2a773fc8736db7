package dev.empath.simulator;

import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.CharacterInteraction;
import dev.empath.schemas.v1.EmotionLabel;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Publishes a mixed simulated stream: behaviour and labels keyed by session id, interactions keyed
 * by character id, each with its event time as the record timestamp.
 */
public final class TelemetryPublisher implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final TopicCatalog topics;

  public TelemetryPublisher(Properties producerConfig, TopicCatalog topics) {
    this.topics = topics;
    this.producer =
        new KafkaProducer<>(
            producerConfig, Serdes.String().serializer(), Serdes.ByteArray().serializer());
  }

  /** Sends asynchronously; {@link #flush()} waits for the acknowledgements. */
  public void send(SimulatedEvent event) {
    if (event instanceof ScriptedBehavior b) {
      send(b.event());
    } else if (event instanceof ScriptedInteraction i) {
      send(i.event());
    } else if (event instanceof ScriptedLabel l) {
      send(l.label());
    } else {
      throw new IllegalArgumentException("unknown simulated event " + event.getClass());
    }
  }

  public void send(PlayerBehaviorData event) {
    producer.send(
        new ProducerRecord<>(
            topics.behavior().name(),
            null,
            event.getTimestampMs(),
            event.getSessionId(),
            topics
                .behavior()
                .valueSerde()
                .serializer()
                .serialize(topics.behavior().name(), event)));
  }

  public void send(CharacterInteraction event) {
    producer.send(
        new ProducerRecord<>(
            topics.interaction().name(),
            null,
            event.getTimestampMs(),
            event.getCharacterId(),
            topics
                .interaction()
                .valueSerde()
                .serializer()
                .serialize(topics.interaction().name(), event)));
  }

  public void send(EmotionLabel label) {
    producer.send(
        new ProducerRecord<>(
            topics.emotionLabel().name(),
            null,
            label.getTimestampMs(),
            label.getSessionId(),
            topics
                .emotionLabel()
                .valueSerde()
                .serializer()
                .serialize(topics.emotionLabel().name(), label)));
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}

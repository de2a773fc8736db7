package dev.empath.simulator;

import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.Collection;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends simulated behaviour to its topic, keyed by session id, with the event time. */
public final class BehaviorPublisher implements AutoCloseable {

  private final Producer<String, PlayerBehaviorData> producer;
  private final TopicSpec<String, PlayerBehaviorData> topic;

  public BehaviorPublisher(Properties producerConfig, TopicSpec<String, PlayerBehaviorData> topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            producerConfig, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** Sends asynchronously; call {@link #flush()} to wait until everything was acknowledged. */
  public void send(PlayerBehaviorData event) {
    producer.send(
        new ProducerRecord<>(
            topic.name(), null, event.getTimestampMs(), event.getSessionId(), event));
  }

  public void sendAll(Collection<? extends ScriptedBehavior> events) {
    events.forEach(e -> send(e.event()));
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}

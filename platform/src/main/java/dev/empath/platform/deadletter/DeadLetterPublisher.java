package dev.empath.platform.deadletter;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letter routing for plain consumers (projector, LLM worker): decode a raw record, or send it
 * to the dead-letter topic with the reason and carry on.
 */
public final class DeadLetterPublisher {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final String component;

  /**
   * @param producer a producer of raw bytes; a transactional one makes the dead letter part of the
   *     caller's transaction
   */
  public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic, String component) {
    this.producer = producer;
    this.topic = topic;
    this.component = component;
  }

  /**
   * Decodes {@code record} with {@code deserializer}; on failure dead-letters it and returns empty.
   */
  public <T> Optional<T> decodeOrDeadLetter(
      ConsumerRecord<byte[], byte[]> record, Deserializer<T> deserializer) {
    try {
      return Optional.ofNullable(
          deserializer.deserialize(record.topic(), record.headers(), record.value()));
    } catch (RuntimeException e) {
      publish(record, e);
      return Optional.empty();
    }
  }

  /** Sends {@code record} to the dead-letter topic with the reason; returns the send's future. */
  public Future<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> record, Throwable error) {
    log.warn(
        "dead-lettering record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        DeadLetters.reason(error));
    return producer.send(
        DeadLetters.keepRedriveMark(
            record.headers(),
            DeadLetters.record(
                topic,
                new DeadLetters.Source(record.topic(), record.partition(), record.offset()),
                record.key(),
                record.value(),
                error,
                component,
                System.currentTimeMillis())));
  }

  /** Like {@link #publish} but waits for the broker's acknowledgement. */
  public void publishAndWait(ConsumerRecord<byte[], byte[]> record, Throwable error) {
    try {
      publish(record, error).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while dead-lettering", e);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not dead-letter " + record.topic() + "@" + record.offset(), e);
    }
  }
}

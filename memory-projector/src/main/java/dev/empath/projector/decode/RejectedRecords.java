package dev.empath.projector.decode;

import dev.empath.platform.deadletter.DeadLetterPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where records that cannot be decoded go. */
@FunctionalInterface
public interface RejectedRecords {

  /** Must return only once the record is safely recorded: its offset moves on afterwards. */
  void reject(ConsumerRecord<byte[], byte[]> record, RuntimeException error);

  /**
   * The live projector: to the dead-letter topic, acknowledged by the broker, once per record
   * whatever reads it again ({@link DeadLetterHistory}).
   */
  static RejectedRecords deadLetterOnce(DeadLetterPublisher publisher, DeadLetterHistory history) {
    Logger log = LoggerFactory.getLogger(RejectedRecords.class);
    return (record, error) -> {
      if (history.contains(record)) {
        log.debug(
            "{}-{}@{} was dead-lettered already",
            record.topic(),
            record.partition(),
            record.offset());
        return;
      }
      publisher.publishAndWait(record, error);
      history.add(record);
    };
  }

  /**
   * A rebuild: the live projector already dead-lettered these records when they first arrived, so a
   * replay only logs them instead of adding duplicates.
   */
  static RejectedRecords alreadyDeadLettered() {
    Logger log = LoggerFactory.getLogger(RejectedRecords.class);
    return (record, error) ->
        log.debug(
            "skipping rejected record {}-{}@{}",
            record.topic(),
            record.partition(),
            record.offset());
  }
}

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

  /** The live projector: to the dead-letter topic, acknowledged by the broker. */
  static RejectedRecords deadLetter(DeadLetterPublisher publisher) {
    return publisher::publishAndWait;
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

package dev.empath.cli.dlq;

import dev.empath.platform.deadletter.DeadLetterHeaders;
import dev.empath.platform.deadletter.DeadLetters;
import dev.empath.schemas.v1.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A record of the dead-letter topic: where it is, the raw record and its decoded headers. */
public record DeadLetter(
    DeadLetterId id, ConsumerRecord<byte[], byte[]> raw, DeadLetterRecord info) {

  public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
    return new DeadLetter(
        new DeadLetterId(record.partition(), record.offset()), record, DeadLetters.read(record));
  }

  /** When it was dead-lettered: the header, else the record's timestamp. */
  public long failedAtMs() {
    return info.getFailedAtMs() > 0 ? info.getFailedAtMs() : raw.timestamp();
  }

  /** The dead letter this record itself was redriven from, when it failed again after a redrive. */
  public Optional<String> redrivenFrom() {
    Header h = raw.headers().lastHeader(DeadLetterHeaders.REDRIVEN_FROM);
    return h == null
        ? Optional.empty()
        : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
  }

  public String source() {
    return info.getSourceTopic() + "/" + info.getSourcePartition() + "@" + info.getSourceOffset();
  }
}

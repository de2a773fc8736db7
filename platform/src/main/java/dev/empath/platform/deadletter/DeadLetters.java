package dev.empath.platform.deadletter;

import com.google.protobuf.ByteString;
import dev.empath.schemas.serde.RejectedRecordException;
import dev.empath.schemas.v1.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds and reads dead-letter records: one convention shared by the Streams handlers and the plain
 * consumers.
 */
public final class DeadLetters {

  /** Config key naming the dead-letter topic (Streams handler configuration). */
  public static final String TOPIC_CONFIG = "empath.dlq.topic";

  /** Config key naming the component that rejected the record. */
  public static final String COMPONENT_CONFIG = "empath.dlq.component";

  private static final int MAX_REASON_LENGTH = 2_000;

  private DeadLetters() {}

  /** Where a rejected record came from. */
  public record Source(String topic, int partition, long offset) {}

  /** A dead-letter record keeping the original bytes, with the reason in headers. */
  public static ProducerRecord<byte[], byte[]> record(
      String deadLetterTopic,
      Source source,
      byte[] key,
      byte[] value,
      Throwable error,
      String component,
      long nowMs) {
    Headers headers = new RecordHeaders();
    add(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
    add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
    add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
    add(headers, DeadLetterHeaders.ERROR_CLASS, rootCause(error).getClass().getName());
    add(headers, DeadLetterHeaders.REASON, reason(error));
    add(headers, DeadLetterHeaders.COMPONENT, component);
    add(headers, DeadLetterHeaders.FAILED_AT_MS, Long.toString(nowMs));
    return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
  }

  /**
   * Copies the {@link DeadLetterHeaders#REDRIVEN_FROM} header of a failed record, if it has one, to
   * its dead letter: a record that was redriven and fails again says so.
   */
  public static ProducerRecord<byte[], byte[]> keepRedriveMark(
      Headers failed, ProducerRecord<byte[], byte[]> letter) {
    Header mark = failed == null ? null : failed.lastHeader(DeadLetterHeaders.REDRIVEN_FROM);
    if (mark != null) {
      letter.headers().add(DeadLetterHeaders.REDRIVEN_FROM, mark.value());
    }
    return letter;
  }

  /** One line saying why: a contract rejection's own message, else the exception's. */
  public static String reason(Throwable error) {
    Throwable shown = error;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RejectedRecordException) {
        shown = t;
        break;
      }
    }
    String message =
        shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    return message.length() <= MAX_REASON_LENGTH
        ? message
        : message.substring(0, MAX_REASON_LENGTH);
  }

  /** Decodes a record read from the dead-letter topic, for tools and tests. */
  public static DeadLetterRecord read(ConsumerRecord<byte[], byte[]> record) {
    return read(record.key(), record.value(), record.headers());
  }

  /** Decodes a dead letter from its parts (e.g. a TopologyTestDriver {@code TestRecord}). */
  public static DeadLetterRecord read(byte[] key, byte[] value, Headers h) {
    DeadLetterRecord.Builder out =
        DeadLetterRecord.newBuilder()
            .setSourceTopic(header(h, DeadLetterHeaders.SOURCE_TOPIC).orElse(""))
            .setSourcePartition(
                header(h, DeadLetterHeaders.SOURCE_PARTITION).map(Integer::parseInt).orElse(-1))
            .setSourceOffset(
                header(h, DeadLetterHeaders.SOURCE_OFFSET).map(Long::parseLong).orElse(-1L))
            .setErrorClass(header(h, DeadLetterHeaders.ERROR_CLASS).orElse(""))
            .setReason(header(h, DeadLetterHeaders.REASON).orElse(""))
            .setComponent(header(h, DeadLetterHeaders.COMPONENT).orElse(""))
            .setFailedAtMs(
                header(h, DeadLetterHeaders.FAILED_AT_MS).map(Long::parseLong).orElse(0L));
    if (key != null) {
      out.setOriginalKey(ByteString.copyFrom(key));
    }
    if (value != null) {
      out.setOriginalValue(ByteString.copyFrom(value));
    }
    return out.build();
  }

  private static Throwable rootCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RejectedRecordException) {
        return t;
      }
    }
    return error;
  }

  private static Optional<String> header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  private static void add(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

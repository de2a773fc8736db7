package dev.empath.platform.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' own dead-letter hook (KIP-1034): a record that cannot be deserialized (or fails
 * contract validation, which the serdes do on read) is handed back to Streams as a dead-letter
 * record, produced in the same transaction as the task's output, and processing resumes.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private StreamsHandlerConfig config;

  @Override
  public void configure(Map<String, ?> configs) {
    config = StreamsHandlerConfig.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn(
        "dead-lettering undecodable record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        DeadLetters.reason(exception));
    return Response.resume(
        List.of(
            config.letter(context, record.key(), record.value(), exception, config.component())));
  }
}

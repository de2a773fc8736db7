package dev.empath.platform.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws (a bug or an input the model cannot handle) goes to the
 * dead-letter topic with its original source bytes, and the application keeps running.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private StreamsHandlerConfig config;

  @Override
  public void configure(Map<String, ?> configs) {
    config = StreamsHandlerConfig.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    log.warn(
        "dead-lettering record {}-{}@{} that failed in processor {}",
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        exception);
    return Response.resume(
        List.of(
            config.letter(
                context,
                context.sourceRawKey(),
                context.sourceRawValue(),
                exception,
                config.component() + "/" + context.processorNodeId())));
  }
}

package dev.empath.platform.deadletter;

/**
 * Header names of a dead-letter record. The record's key and value are the original bytes,
 * untouched, so a fixed record can be re-published as it was.
 */
public final class DeadLetterHeaders {

  public static final String SOURCE_TOPIC = "empath.dlq.source.topic";
  public static final String SOURCE_PARTITION = "empath.dlq.source.partition";
  public static final String SOURCE_OFFSET = "empath.dlq.source.offset";
  public static final String ERROR_CLASS = "empath.dlq.error.class";
  public static final String REASON = "empath.dlq.reason";
  public static final String COMPONENT = "empath.dlq.component";
  public static final String FAILED_AT_MS = "empath.dlq.failed.at.ms";

  private DeadLetterHeaders() {}
}

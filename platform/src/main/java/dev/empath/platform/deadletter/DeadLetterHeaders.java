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

  /**
   * On a record sent back to its source topic by {@code ./empath dlq redrive}: the dead letter it
   * came from, as {@code <dlq topic>/<partition>/<offset>}. Kept on a dead letter of that record,
   * so a record that fails again is recognisable.
   */
  public static final String REDRIVEN_FROM = "empath.dlq.redriven.from";

  /** On a redriven record: when it was sent back. */
  public static final String REDRIVEN_AT_MS = "empath.dlq.redriven.at.ms";

  private DeadLetterHeaders() {}
}

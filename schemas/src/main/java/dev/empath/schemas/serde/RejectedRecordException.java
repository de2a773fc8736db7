package dev.empath.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record the pipeline refuses: it cannot be decoded or breaks the contract. Its message is the
 * reason written to the dead-letter topic, so it names the field and the offending value.
 */
public class RejectedRecordException extends SerializationException {

  public RejectedRecordException(String reason) {
    super(reason);
  }

  public RejectedRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}

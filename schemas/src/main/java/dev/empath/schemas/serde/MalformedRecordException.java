package dev.empath.schemas.serde;

/** The bytes are not a decodable record: a truncated frame, garbage, a broken protobuf payload. */
public class MalformedRecordException extends RejectedRecordException {

  public MalformedRecordException(String reason) {
    super(reason);
  }

  public MalformedRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}

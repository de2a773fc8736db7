package dev.empath.schemas.serde;

import java.util.List;

/** The record decoded but breaks the contract: a missing id, a value out of range, a huge map. */
public class InvalidRecordException extends RejectedRecordException {

  private final List<String> violations;

  public InvalidRecordException(String messageType, List<String> violations) {
    super("invalid " + messageType + ": " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}

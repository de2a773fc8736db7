package dev.empath.history.scan;

/** A time asked for is older than what a topic still holds: the records were deleted. */
public final class BeyondRetentionException extends RuntimeException {

  private final long oldestMs;

  public BeyondRetentionException(String message, long oldestMs) {
    super(message);
    this.oldestMs = oldestMs;
  }

  /** Timestamp of the oldest record the topic still holds. */
  public long oldestMs() {
    return oldestMs;
  }
}

package dev.empath.llm.provider;

import java.time.Duration;
import java.util.Optional;

/** A failed provider call, classified so the retry policy knows whether trying again can help. */
public final class ProviderFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a call failed. */
  public enum Kind {
    RATE_LIMITED(true),
    SERVER_ERROR(true),
    TIMEOUT(true),
    /** The provider answered something we cannot read; the next provider may do better. */
    MALFORMED(false),
    /** 4xx other than 429: our request or credentials are wrong, retrying repeats the error. */
    REJECTED(false),
    /** The circuit breaker refused the call without trying. */
    BREAKER_OPEN(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final transient Duration retryAfter;

  public ProviderFailure(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public ProviderFailure(Kind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  public Kind kind() {
    return kind;
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}

package dev.empath.llm.provider;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * LangChain4j's {@link HttpException} plus the server's {@code Retry-After}, which the library's
 * own exception drops. LangChain4j keeps it as the cause of the exception it maps to, so the retry
 * policy can find it.
 */
public final class HttpStatusException extends HttpException {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public HttpStatusException(int statusCode, String body, Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}

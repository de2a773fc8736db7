package dev.empath.llm.provider;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The transport under LangChain4j's OpenAI and Anthropic models: the JDK HTTP client, with two
 * things LangChain4j's own JDK transport cannot do — a time-out per call (the request's remaining
 * deadline, not one fixed when the model is built) and the {@code Retry-After} of a refused call.
 * The protocol (JSON bodies, headers, parsing) stays LangChain4j's.
 */
public final class DeadlineAwareHttpClient implements HttpClient {

  // The model API has no per-call timeout parameter; the caller's thread carries it instead.
  // Held as an absolute System.nanoTime() deadline: time LangChain4j spends before sending (request
  // mapping, JSON) counts against the call too.
  private static final ThreadLocal<Long> CALL_DEADLINE = new ThreadLocal<>();

  // The JDK client sets these itself and refuses them from callers.
  private static final Set<String> RESTRICTED =
      Set.of("content-length", "host", "connection", "expect", "upgrade");

  private final java.net.http.HttpClient http;
  private final Duration defaultTimeout;

  public DeadlineAwareHttpClient(java.net.http.HttpClient http, Duration defaultTimeout) {
    this.http = http;
    this.defaultTimeout = defaultTimeout;
  }

  /** Runs {@code call} with every HTTP request it makes bounded by {@code timeout}. */
  public static <T> T withTimeout(Duration timeout, Supplier<T> call) {
    Long previous = CALL_DEADLINE.get();
    CALL_DEADLINE.set(System.nanoTime() + timeout.toNanos());
    try {
      return call.get();
    } finally {
      if (previous == null) {
        CALL_DEADLINE.remove();
      } else {
        CALL_DEADLINE.set(previous);
      }
    }
  }

  /** A builder LangChain4j model builders accept; every model built from it shares {@code http}. */
  public static HttpClientBuilder builder(java.net.http.HttpClient http, Duration defaultTimeout) {
    return new Builder(http, defaultTimeout);
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    Long deadline = CALL_DEADLINE.get();
    Duration timeout =
        deadline == null ? defaultTimeout : Duration.ofNanos(deadline - System.nanoTime());
    if (timeout.toMillis() < 1) {
      throw new UncheckedIOException(new HttpTimeoutException("no time left for the call"));
    }
    java.net.http.HttpRequest.Builder jdk =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> jdk.header(name, v));
              }
            });
    String body = request.body();
    switch (request.method()) {
      case GET -> jdk.GET();
      case DELETE -> jdk.DELETE();
      default ->
          jdk.POST(
              body == null
                  ? java.net.http.HttpRequest.BodyPublishers.noBody()
                  : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response;
    // A blocking send cut by an alarm at the deadline: the JDK's own request time-out fires late on
    // a loaded machine. Not sendAsync: with fewer than 3 cores it completes every response on a
    // newly started thread.
    CallAlarm alarm = CallAlarm.set(Thread.currentThread(), timeout);
    long sent = System.nanoTime();
    try {
      response = http.send(jdk.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      if (alarm.cancel()) {
        throw timedOut(timeout);
      }
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during provider call", e);
    } catch (IOException e) {
      if (alarm.cancel()) {
        throw timedOut(timeout);
      }
      throw new UncheckedIOException(e);
    } finally {
      ProviderWait.add(System.nanoTime() - sent);
      alarm.cancel();
    }
    Map<String, List<String>> headers = response.headers().map();
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new HttpStatusException(
          response.statusCode(),
          response.body(),
          response
              .headers()
              .firstValue("retry-after")
              .map(DeadlineAwareHttpClient::parseRetryAfter)
              .orElse(null));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(headers)
        .body(response.body())
        .build();
  }

  private static UncheckedIOException timedOut(Duration timeout) {
    return new UncheckedIOException(
        new HttpTimeoutException("no answer within " + timeout.toMillis() + " ms"));
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    throw new UnsupportedOperationException("the worker does not stream");
  }

  /** {@code Retry-After} is either seconds or an HTTP date (RFC 9110 §10.2.3). */
  static Duration parseRetryAfter(String value) {
    String v = value.trim();
    try {
      return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  private static final class Builder implements HttpClientBuilder {
    private final java.net.http.HttpClient http;
    private Duration readTimeout;
    private Duration connectTimeout;

    Builder(java.net.http.HttpClient http, Duration readTimeout) {
      this.http = http;
      this.readTimeout = readTimeout;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      // The shared JDK client's connect time-out applies; kept only for the interface.
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      if (timeout != null) {
        this.readTimeout = timeout;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      return new DeadlineAwareHttpClient(http, readTimeout);
    }
  }
}

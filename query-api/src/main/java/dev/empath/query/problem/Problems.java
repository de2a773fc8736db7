package dev.empath.query.problem;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds {@code application/problem+json} responses. The body is encoded here, not by a message
 * writer chosen by media type, so every error path (filters, handlers, the framework's own errors)
 * produces the same bytes.
 */
@Singleton
public final class Problems {

  private final JsonMapper json;

  public Problems(JsonMapper json) {
    this.json = json;
  }

  public MutableHttpResponse<String> response(ProblemType type, String detail, String instance) {
    return response(type.problem(detail, instance));
  }

  public MutableHttpResponse<String> response(Problem problem) {
    String body;
    try {
      body = new String(json.writeValueAsBytes(problem), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a problem", e);
    }
    MutableHttpResponse<String> response =
        HttpResponse.status(HttpStatus.valueOf(problem.status()));
    return response.contentType(Problem.MEDIA_TYPE).body(body);
  }
}

package dev.empath.query.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Errors the framework raises itself (unknown route, wrong method, unconvertible argument,
 * unhandled exception) as problem+json, so no error body has another shape.
 */
@Primary
@Singleton
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<String> {

  private final Problems problems;

  public ProblemErrorResponseProcessor(Problems problems) {
    this.problems = problems;
  }

  @Override
  public MutableHttpResponse<String> processResponse(
      ErrorContext context, MutableHttpResponse<?> baseResponse) {
    int status = baseResponse.code();
    ProblemType type = ProblemType.forStatus(status);
    // Internal messages can carry class names or data: only client errors echo them.
    String detail =
        status >= 500 || !context.hasErrors()
            ? type.title()
            : context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    Problem problem =
        new Problem(type.uri(), type.title(), status, detail, context.getRequest().getPath());
    MutableHttpResponse<String> built = problems.response(problem);
    // 405 names the allowed methods; other headers of the base response describe its old body.
    baseResponse.getHeaders().getAll("Allow").forEach(v -> built.header("Allow", v));
    return built;
  }
}

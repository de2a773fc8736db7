package dev.empath.query.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns a {@link ProblemException} into its problem response. */
@Produces
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public final class ProblemExceptionHandler
    implements ExceptionHandler<ProblemException, HttpResponse<?>> {

  private final Problems problems;

  public ProblemExceptionHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
    return problems.response(exception.type(), exception.getMessage(), request.getPath());
  }
}

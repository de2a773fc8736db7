package dev.empath.query.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/** Redis down or timing out is the server's trouble, not a bug: 503 so callers retry. */
@Produces
@Singleton
@Requires(classes = {JedisException.class, ExceptionHandler.class})
public final class RedisFailureHandler
    implements ExceptionHandler<JedisException, HttpResponse<?>> {

  private static final Logger log = LoggerFactory.getLogger(RedisFailureHandler.class);

  private final Problems problems;

  public RedisFailureHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, JedisException exception) {
    log.warn("read model unavailable for {}: {}", request.getPath(), exception.toString());
    return problems
        .response(ProblemType.UNAVAILABLE, "the read model could not be reached", request.getPath())
        .header("Retry-After", "1");
  }
}

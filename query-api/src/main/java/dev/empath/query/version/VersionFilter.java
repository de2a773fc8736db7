package dev.empath.query.version;

import dev.empath.query.auth.ApiKey;
import dev.empath.query.auth.ApiKeyFilter;
import dev.empath.query.problem.ProblemType;
import dev.empath.query.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Checks {@code version=} on every {@code /v1} path, after the key was authenticated: only a key
 * with the {@value ApiKey#VERSIONS} scope may name a keyspace version (403), and it must be a
 * version number (400). Whether the version exists is answered by {@link ReadModels}, off the event
 * loop.
 */
@ServerFilter("/v1/**")
public final class VersionFilter implements Ordered {

  /** The query parameter naming a keyspace version. */
  public static final String PARAM = "version";

  /** Request attribute holding the version asked for, an {@link Integer}. */
  static final String ATTRIBUTE = "empath.read-model.version";

  private static final int MAX_DIGITS = 9;

  private final Problems problems;

  public VersionFilter(Problems problems) {
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  @RequestFilter
  @Nullable
  public HttpResponse<?> check(HttpRequest<?> request) {
    String raw = request.getParameters().get(PARAM);
    if (raw == null) {
      return null;
    }
    ApiKey key = request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE, ApiKey.class).orElse(null);
    if (key == null || !key.hasScope(ApiKey.VERSIONS)) {
      return problems.response(
          ProblemType.SCOPE_REQUIRED,
          "version= needs an API key with the '"
              + ApiKey.VERSIONS
              + "' scope (empath.api.scopes.<sha256>)",
          request.getPath());
    }
    Integer version = parse(raw);
    if (version == null) {
      return problems.response(
          ProblemType.BAD_REQUEST,
          "version must be a keyspace version number such as 3 (./empath rebuild --list)",
          request.getPath());
    }
    request.setAttribute(ATTRIBUTE, version);
    return null;
  }

  static Integer parse(String raw) {
    if (raw.isEmpty() || raw.length() > MAX_DIGITS || !raw.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int v = Integer.parseInt(raw);
    return v >= 1 ? v : null;
  }
}

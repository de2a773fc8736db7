package dev.empath.query.auth;

import dev.empath.query.problem.ProblemType;
import dev.empath.query.problem.Problems;
import dev.empath.query.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;

/**
 * Guards every {@code /v1} path: a known API key (401), within its rate (429), allowed for the game
 * named in the path (403). It runs before routing, so a 403 says nothing about whether the resource
 * exists.
 */
@ServerFilter(ApiKeyFilter.PATTERN)
public final class ApiKeyFilter implements Ordered {

  static final String PATTERN = "/v1/**";

  /** Request attribute holding the authenticated {@link ApiKey}, for checks that come later. */
  public static final String KEY_ATTRIBUTE = "empath.api.key";

  private static final String STREAM_SUFFIX = "/live";
  private static final String BEARER = "Bearer ";
  private static final String GAMES = "/v1/games/";

  private final ApiKeys keys;
  private final StreamTokens tokens;
  private final RateLimiter rateLimiter;
  private final Problems problems;
  private final Counter unauthorized;
  private final Counter forbidden;
  private final Counter limited;

  public ApiKeyFilter(
      ApiKeys keys,
      StreamTokens tokens,
      RateLimiter rateLimiter,
      Problems problems,
      MeterRegistry registry) {
    this.keys = keys;
    this.tokens = tokens;
    this.rateLimiter = rateLimiter;
    this.problems = problems;
    this.unauthorized = rejected(registry, "unauthorized");
    this.forbidden = rejected(registry, "forbidden");
    this.limited = rejected(registry, "rate_limited");
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  @RequestFilter
  @Nullable
  public HttpResponse<?> guard(HttpRequest<?> request) {
    String path = request.getPath();
    Optional<ApiKey> key = keys.authenticate(presentedKey(request));
    if (key.isEmpty() && isStream(request)) {
      key = tokens.verify(request.getParameters().get("token"));
    }
    if (key.isEmpty()) {
      unauthorized.increment();
      return problems
          .response(ProblemType.UNAUTHORIZED, "send a valid key as Authorization: Bearer", path)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"empath\"");
    }
    long retryAfter = rateLimiter.retryAfterSeconds(key.get().hash());
    if (retryAfter > 0) {
      limited.increment();
      return problems
          .response(
              ProblemType.TOO_MANY_REQUESTS,
              "rate limit of this API key exceeded; retry after " + retryAfter + " s",
              path)
          .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }
    String game = gameOf(path);
    if (game != null && !key.get().mayRead(game)) {
      forbidden.increment();
      return problems.response(
          ProblemType.FORBIDDEN, "this API key may not read the game in the path", path);
    }
    request.setAttribute(KEY_ATTRIBUTE, key.get());
    return null;
  }

  /**
   * A live stream, the one path that also accepts a stream token as {@code ?token=}: EventSource
   * cannot send headers, and a short-lived token in a URL leaks far less than a key would.
   */
  static boolean isStream(HttpRequest<?> request) {
    return request.getMethod() == HttpMethod.GET && request.getPath().endsWith(STREAM_SUFFIX);
  }

  /** The key from {@code Authorization: Bearer <key>}, else from {@code X-API-Key}. */
  static String presentedKey(HttpRequest<?> request) {
    String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    return request.getHeaders().get("X-API-Key");
  }

  /** The (decoded) game id of a {@code /v1/games/{gameId}/...} path, else null. */
  static String gameOf(String path) {
    if (!path.startsWith(GAMES)) {
      return null;
    }
    int end = path.indexOf('/', GAMES.length());
    return end < 0 ? path.substring(GAMES.length()) : path.substring(GAMES.length(), end);
  }

  private static Counter rejected(MeterRegistry registry, String reason) {
    return Counter.builder("empath.query.rejected")
        .description("requests refused before reaching the read model")
        .tag("reason", reason)
        .register(registry);
  }
}

package dev.empath.query.problem;

/** The kinds of problem the API reports; the type URI is stable and documented in the README. */
public enum ProblemType {
  BAD_REQUEST(400, "bad-request", "Bad request"),
  UNAUTHORIZED(401, "unauthorized", "Missing or unknown API key"),
  FORBIDDEN(403, "forbidden", "API key not allowed for this game"),
  SCOPE_REQUIRED(403, "scope-required", "API key lacks the scope this request needs"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  TOO_MANY_REQUESTS(429, "rate-limited", "Too many requests"),
  INTERNAL(500, "internal", "Internal error"),
  UNAVAILABLE(503, "unavailable", "Read model unavailable"),
  TOPICS_UNAVAILABLE(503, "topics-unavailable", "Topics unavailable");

  private static final String BASE = "https://empath.dev/problems/";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String uri() {
    return BASE + slug;
  }

  public String title() {
    return title;
  }

  public Problem problem(String detail, String instance) {
    return new Problem(uri(), title, status, detail, instance);
  }

  /** The kind for a status the framework chose (unknown route, wrong method, ...). */
  public static ProblemType forStatus(int status) {
    for (ProblemType t : values()) {
      if (t.status == status) {
        return t;
      }
    }
    return status >= 500 ? INTERNAL : BAD_REQUEST;
  }
}

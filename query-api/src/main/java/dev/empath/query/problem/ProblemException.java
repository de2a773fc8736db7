package dev.empath.query.problem;

/** Ends a request with a problem response; thrown by request validation and lookups. */
public final class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ProblemType type;

  public ProblemException(ProblemType type, String detail) {
    // No stack trace: these are expected outcomes (bad input, unknown ids), not bugs.
    super(detail, null, false, false);
    this.type = type;
  }

  public ProblemType type() {
    return type;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(ProblemType.BAD_REQUEST, detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(ProblemType.NOT_FOUND, detail);
  }
}

package dev.empath.platform.security;

/**
 * A service could not start or go on because the cluster refused it a permission; the message is
 * one line naming it (see {@link AccessDenied}).
 */
public final class AccessDeniedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String missing;

  private AccessDeniedException(String message, String missing, Throwable cause) {
    super(message, cause);
    this.missing = missing;
  }

  public AccessDeniedException(String message, Throwable cause) {
    this(message, null, cause);
  }

  /**
   * A refusal found where the principal is not known (an admin step): {@code missing} as {@code
   * "DescribeConfigs on TOPIC t"}; {@link #forPrincipal} completes the line.
   */
  public static AccessDeniedException missing(String missing, Throwable cause) {
    return new AccessDeniedException(AccessDenied.PREFIX + "lacks " + missing, missing, cause);
  }

  /** The line naming {@code principal}, for a refusal made by {@link #missing}. */
  public AccessDeniedException forPrincipal(String principal) {
    return missing == null
        ? this
        : new AccessDeniedException(
            AccessDenied.PREFIX + principal + " lacks " + missing, missing, getCause());
  }
}

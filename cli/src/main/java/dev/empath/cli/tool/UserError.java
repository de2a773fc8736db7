package dev.empath.cli.tool;

/**
 * A mistake in what the user asked for (an unknown session, a range outside what the topics hold):
 * the command prints the message as one line and exits 2, without a stack trace.
 */
public final class UserError extends RuntimeException {

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}

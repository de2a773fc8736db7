package dev.empath.narrative.policy;

import java.util.List;

/** A policy document that cannot be parsed or breaks the rules; the message names every problem. */
public final class PolicyRejectedException extends RuntimeException {

  private final List<String> violations;

  public PolicyRejectedException(String source, List<String> violations) {
    super("policy " + source + " rejected: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public PolicyRejectedException(String source, String problem, Throwable cause) {
    super("policy " + source + " rejected: " + problem, cause);
    this.violations = List.of(problem);
  }

  public List<String> violations() {
    return violations;
  }
}

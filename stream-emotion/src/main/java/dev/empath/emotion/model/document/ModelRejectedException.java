package dev.empath.emotion.model.document;

import java.util.List;

/** A model document that cannot be parsed or breaks the rules; the message names every problem. */
public final class ModelRejectedException extends RuntimeException {

  private final List<String> violations;

  public ModelRejectedException(String source, List<String> violations) {
    super("emotion model " + source + " rejected: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public ModelRejectedException(String source, String problem, Throwable cause) {
    super("emotion model " + source + " rejected: " + problem, cause);
    this.violations = List.of(problem);
  }

  public List<String> violations() {
    return violations;
  }
}

package dev.empath.platform.topics;

import java.util.List;

/**
 * Existing topics disagree with the catalog or the configuration; the service must not start on
 * them. The message is one line: every problem, each naming the topic, found and wanted, and what
 * to do.
 */
public final class TopicMismatchException extends IllegalStateException {

  private final List<String> mismatches;

  public TopicMismatchException(List<String> mismatches) {
    super(String.join("; ", mismatches));
    this.mismatches = List.copyOf(mismatches);
  }

  public List<String> mismatches() {
    return mismatches;
  }
}

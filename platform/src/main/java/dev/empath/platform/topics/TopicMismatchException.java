package dev.empath.platform.topics;

import java.util.List;

/** Existing topics disagree with the catalog; the service must not start on them. */
public final class TopicMismatchException extends IllegalStateException {

  private final List<String> mismatches;

  public TopicMismatchException(List<String> mismatches) {
    super(
        "existing topics do not match the topic catalog: "
            + String.join("; ", mismatches)
            + ". Recreate them, or migrate the data to correctly configured topics.");
    this.mismatches = List.copyOf(mismatches);
  }

  public List<String> mismatches() {
    return mismatches;
  }
}

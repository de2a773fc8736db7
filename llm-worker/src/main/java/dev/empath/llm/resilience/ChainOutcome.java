package dev.empath.llm.resilience;

import dev.empath.llm.provider.Completion;
import dev.empath.llm.provider.ProviderFailure;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a provider chain produced: the completion, which provider gave it, and every failure on the
 * way (one per failed attempt, including refusals by an open breaker).
 */
public record ChainOutcome(
    Completion completion, String provider, List<Attempt> failures, boolean deadlineCut) {

  public ChainOutcome {
    failures = List.copyOf(failures);
  }

  /** A failed attempt. */
  public record Attempt(String provider, ProviderFailure.Kind kind, String message) {}

  /** Why the answer did not come from the first try of the first provider; empty if it did. */
  public String reason() {
    String tried =
        failures.stream()
            .map(a -> a.provider() + " " + a.kind().name().toLowerCase() + ": " + a.message())
            .collect(Collectors.joining("; "));
    if (deadlineCut) {
      return tried.isEmpty() ? "deadline: no time left for a remote call" : "deadline: " + tried;
    }
    return tried;
  }
}

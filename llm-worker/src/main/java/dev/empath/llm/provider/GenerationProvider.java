package dev.empath.llm.provider;

import java.time.Duration;

/** One way of turning a prompt into text: a remote model or the offline templates. */
public interface GenerationProvider {

  /** Stable name used in routes, breakers, usage accounting and results. */
  String name();

  /** True when a call costs nothing and cannot fail (the offline templates). */
  default boolean local() {
    return false;
  }

  /**
   * Generates one completion.
   *
   * @param timeout the longest this call may take; the caller has already subtracted its margins
   * @throws ProviderFailure on any failure, classified for the retry policy
   */
  Completion complete(Prompt prompt, Duration timeout);
}

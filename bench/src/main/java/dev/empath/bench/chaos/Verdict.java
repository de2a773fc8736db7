package dev.empath.bench.chaos;

import java.util.List;

/**
 * What the checks found once the load had stopped and every stage had caught up.
 *
 * @param emotion the emotion topic against a clean run of the behaviour topic
 * @param narrative the narrative topic against a clean run of the emotion topic
 * @param generations generation requests and their results
 * @param projectionDifferences keys whose canonical dump differs from a clean rebuild's
 * @param projectionKeys keys in the projection
 * @param deadLetters the dead-letter topic against the malformed records
 */
record Verdict(
    Comparison emotion,
    Comparison narrative,
    Generations generations,
    List<String> projectionDifferences,
    int projectionKeys,
    DeadLetterCheck.Result deadLetters) {

  /** Requests, and results per request id. */
  record Generations(long requests, long results, long missing, long duplicated, long orphans) {}

  long lost() {
    return emotion.lost() + narrative.lost() + generations.missing() + deadLetters.missing();
  }

  long duplicated() {
    return emotion.duplicated()
        + narrative.duplicated()
        + generations.duplicated()
        + deadLetters.duplicated();
  }

  boolean projectionEqual() {
    return projectionDifferences.isEmpty() && projectionKeys > 0;
  }

  boolean passed() {
    return lost() == 0
        && duplicated() == 0
        && emotion.equal()
        && narrative.equal()
        && generations.orphans() == 0
        && projectionEqual()
        && deadLetters.exact();
  }
}

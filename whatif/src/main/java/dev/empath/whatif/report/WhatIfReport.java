package dev.empath.whatif.report;

import dev.empath.whatif.diff.WhatIfDiff;
import java.util.List;

/**
 * A what-if as reported: what was asked, what the shadow run did, and the comparison.
 *
 * @param from start of the judged range (ISO-8601)
 * @param to end of the judged range
 * @param warmupMs how far before {@code from} behaviour was replayed to build state
 * @param game the game judged, empty for all
 * @param candidateModel version of the candidate model, or of the configured one
 * @param candidatePolicy version of the candidate policy, empty when production's were used
 * @param keptTopics shadow topics left for inspection ({@code --keep}), else empty
 */
public record WhatIfReport(
    String runId,
    String from,
    String to,
    long warmupMs,
    String game,
    String candidateModel,
    String candidatePolicy,
    Shadow shadow,
    WhatIfDiff diff,
    long diffMs,
    List<String> keptTopics) {

  /**
   * What the shadow run copied and how long its parts took: the copy (both applications already
   * processing), then the rest of the emotion application's work, then the narrative's.
   */
  public record Shadow(
      String prefix,
      long behaviourCopied,
      long interactionsCopied,
      long policiesCopied,
      long copyMs,
      long emotionMs,
      long narrativeMs) {

    /** Behaviour events per second from the copy's start until narrative was done. */
    @com.fasterxml.jackson.annotation.JsonProperty
    public double eventsPerSecond() {
      long ms = copyMs + emotionMs + narrativeMs;
      return ms == 0 ? 0 : behaviourCopied * 1000.0 / ms;
    }
  }
}
